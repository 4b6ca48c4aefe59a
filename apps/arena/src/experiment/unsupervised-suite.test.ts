import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { suiteDefinition } from './load.js';
import { parseExperiment } from './parse.js';

describe("the 'unsupervised' suite", () => {
  it('names backprop, evolution, NEAT, memetic and PBT on the 2-D manifold autoencoder, every one in the catalog, at equal FLOPs', async () => {
    const catalog = await createDefaultCatalog();
    const { experiment, skipped } = parseExperiment(suiteDefinition('unsupervised'), { source: 'unsupervised', catalog });
    expect(skipped).toEqual([]);
    expect(experiment.trainers.map((t) => t.id)).toEqual(['adam', 'cma-es', 'openai-es', 'ga', 'neat', 'memetic', 'pbt']);
    expect(experiment.tasks.map((t) => t.id)).toEqual(['manifold-2d']);
    expect(experiment.seeds).toHaveLength(3);
  });
});
