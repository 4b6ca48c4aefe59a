import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { rejectionOf } from '../testing-fixtures/rejections.js';
import { createCatalog } from '../testing-fixtures/stub-catalog.js';
import { planRuns } from './experiment.js';
import { suiteDefinition } from './load.js';
import { parseExperiment } from './parse.js';

const catalog = createCatalog();
const base = {
  tasks: ['blobs', { id: 'blobs', label: 'wide' }],
  trainers: ['hill-climb', { id: 'hill-climb', label: 'other' }],
  budget: { evaluations: 100 },
};

describe('declared runtime comparisons', () => {
  it('are kept on the experiment (so the results header carries them to the report)', () => {
    const comparisons = [{ trainer: 'hill-climb', against: ['other'], tasks: ['blobs', 'wide'], target: 0.9 }];
    const { experiment } = parseExperiment({ ...base, comparisons }, { source: 't', catalog });
    expect(experiment.comparisons).toEqual(comparisons);
    expect(parseExperiment(base, { source: 't', catalog }).experiment.comparisons).toBeUndefined();
  });

  it('name a label that is neither a task nor a trainer of the definition, with a suggestion', () => {
    const problems = rejectionOf(() =>
      parseExperiment(
        { ...base, comparisons: [{ trainer: 'hill-climbb', against: ['other'], tasks: ['blobs'] }] },
        { source: 't', catalog },
      ),
    );
    expect(problems).toEqual([
      "comparisons[0].trainer: unknown trainer label 'hill-climbb'; did you mean 'hill-climb'? valid: hill-climb, other",
    ]);
    const tasks = rejectionOf(() =>
      parseExperiment({ ...base, comparisons: [{ trainer: 'other', against: ['hill-climb'], tasks: ['wdie'] }] }, { source: 't', catalog }),
    );
    expect(tasks[0]).toMatch(/^comparisons\[0\]\.tasks\[0\]: unknown task label 'wdie'; did you mean 'wide'\?/);
  });

  it('drop, with a note, what a suite skips because this catalog lacks it', () => {
    const { experiment, skipped } = parseExperiment(
      {
        ...base,
        trainers: ['hill-climb', 'not-here'],
        comparisons: [{ trainer: 'hill-climb', against: ['not-here'], tasks: ['blobs'] }],
      },
      { source: 't', catalog, skipMissing: true },
    );
    expect(experiment.comparisons).toEqual([]);
    expect(skipped).toContain("comparison with trainer 'not-here' dropped (not run)");
  });
});

describe('the bbob suite', () => {
  it('runs six BBOB functions at 10-D for eight ES/GA trainers at equal evaluations, and tests CMA-ES against GA and OpenAI-ES', async () => {
    const { experiment, skipped } = parseExperiment(suiteDefinition('bbob'), { source: 'bbob', catalog: await createDefaultCatalog() });
    expect(skipped).toEqual([]);
    expect(experiment.tasks.map((t) => t.id)).toEqual([
      'bbob-sphere',
      'bbob-ellipsoid',
      'bbob-rastrigin',
      'bbob-rosenbrock',
      'bbob-ellipsoid-rotated',
      'bbob-discus',
    ]);
    for (const id of ['cma-es', 'sep-cma-es', 'snes', 'xnes', 'pgpe', 'openai-es', 'ga'])
      expect(experiment.trainers.map((t) => t.id)).toContain(id);
    // Equal evaluations for every run, stopped at COCO's final target.
    expect(new Set(planRuns(experiment).map((r) => JSON.stringify(r.budget)))).toEqual(
      new Set([JSON.stringify({ evaluations: 2e4, target: { metric: 'val.objective', value: 1e-8, direction: 'min' } })]),
    );
    expect(experiment.comparisons).toEqual([
      { trainer: 'cma-es', against: ['ga', 'openai-es'], tasks: ['ellipsoid', 'ellipsoid-rotated', 'rosenbrock'] },
    ]);
  });
});
