import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { executeRun } from '../runner/execute-run.js';
import { planRuns } from './experiment.js';
import { suiteDefinition } from './load.js';
import { parseExperiment } from './parse.js';

const catalog = await createDefaultCatalog();

describe("the 'neuroevolution' suite", () => {
  it('names CPPN-NEAT, NEAT, HyperNEAT, the deep GA, the GA and Adam on two pictures and the retina, every one in the catalog', () => {
    const { experiment, skipped } = parseExperiment(suiteDefinition('neuroevolution'), { source: 'neuroevolution', catalog });
    expect(skipped).toEqual([]);
    expect(experiment.trainers.map((t) => t.label)).toEqual(['cppn-neat', 'neat', 'hyperneat', 'deep-ga', 'ga', 'adam']);
    expect(experiment.tasks.map((t) => t.label)).toEqual(['rings', 'circle', 'visual']);
  });

  it('runs every trainer on the rings within one small FLOP cap (one seed, 2e6 FLOPs)', async () => {
    const { experiment } = parseExperiment(
      { ...suiteDefinition('neuroevolution'), tasks: [{ id: 'picture', label: 'rings', budget: { flops: 2e6 } }], seeds: 1 },
      { source: 'neuroevolution (small)', catalog },
    );
    const records = [];
    for (const spec of planRuns(experiment)) records.push(await executeRun(spec, catalog, AbortSignal.timeout(60_000)));
    expect(records.map((r) => r?.trainer)).toEqual(['cppn-neat', 'neat', 'hyperneat', 'deep-ga', 'ga', 'adam']);
    for (const r of records) {
      expect(r?.ok, `${r?.trainer}: ${r?.reason}`).toBe(true);
      expect(r?.cost.flops, `${r?.trainer} spent`).toBeLessThanOrEqual(2e6);
    }
  }, 120_000);

  it('runs HyperNEAT on the retina within a FLOP cap of two generations (one seed, 6e7 FLOPs)', async () => {
    const { experiment } = parseExperiment(
      {
        ...suiteDefinition('neuroevolution'),
        tasks: [{ id: 'visual-discrimination', label: 'visual', options: { validationSize: 20 }, budget: { flops: 6e7 } }],
        trainers: [{ id: 'hyperneat', config: { fitness: 'distance', neat: { populationSize: 10 } } }],
        seeds: 1,
      },
      { source: 'neuroevolution (retina)', catalog },
    );
    const [spec] = planRuns(experiment);
    const r = await executeRun(spec as NonNullable<typeof spec>, catalog, AbortSignal.timeout(60_000));
    expect(r?.ok, r?.reason).toBe(true);
    expect(r?.cost.flops).toBeLessThanOrEqual(6e7);
    expect(r?.cost.generations).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
