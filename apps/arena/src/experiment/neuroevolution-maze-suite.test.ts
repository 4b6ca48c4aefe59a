import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { executeRun } from '../runner/execute-run.js';
import { planRuns } from './experiment.js';
import { suiteDefinition } from './load.js';
import { parseExperiment } from './parse.js';

const catalog = await createDefaultCatalog();

describe("the 'neuroevolution-maze' suite", () => {
  it('names fitness and novelty NEAT, OpenAI-ES, NS-ES and the novelty deep GA on the hard maze, every one in the catalog', () => {
    const { experiment, skipped } = parseExperiment(suiteDefinition('neuroevolution-maze'), { source: 'neuroevolution-maze', catalog });
    expect(skipped).toEqual([]);
    expect(experiment.trainers.map((t) => t.label)).toEqual(['neat', 'novelty-neat', 'openai-es', 'ns-es', 'novelty-deep-ga']);
    expect(experiment.tasks.map((t) => t.label)).toEqual(['hard-maze']);
  });

  it('runs every trainer on the maze within a small cap of environment steps (one seed, 40 episodes each)', async () => {
    const { experiment } = parseExperiment(
      {
        ...suiteDefinition('neuroevolution-maze'),
        tasks: [{ id: 'hard-maze', label: 'hard-maze', budget: { evaluations: 16_000 } }],
        trainers: [
          { id: 'neat', label: 'neat', config: { neat: { populationSize: 20, network: { recurrent: true } }, episodes: 1 } },
          { id: 'neat', label: 'novelty-neat', config: { neat: { populationSize: 20 }, episodes: 1, novelty: { k: 5, threshold: 6 } } },
          {
            id: 'openai-es',
            label: 'ns-es',
            config: { fitness: { episodes: 1 }, strategyConfig: { populationSize: 10 }, novelty: { k: 5 } },
          },
          {
            id: 'deep-ga',
            label: 'novelty-deep-ga',
            config: { fitness: { episodes: 1 }, strategyConfig: { populationSize: 10, truncation: 3 }, novelty: { k: 5 } },
          },
        ],
        seeds: 1,
      },
      { source: 'neuroevolution-maze (small)', catalog },
    );
    const records = [];
    for (const spec of planRuns(experiment)) records.push(await executeRun(spec, catalog, AbortSignal.timeout(60_000)));
    expect(records.map((r) => r?.trainer)).toEqual(['neat', 'novelty-neat', 'ns-es', 'novelty-deep-ga']);
    for (const r of records) {
      expect(r?.ok, `${r?.trainer}: ${r?.reason}`).toBe(true);
      expect(r?.cost.evaluations, `${r?.trainer} spent`).toBeLessThanOrEqual(16_000);
      expect(r?.cost.evaluations, `${r?.trainer} spent`).toBeGreaterThan(0);
    }
  }, 120_000);
});
