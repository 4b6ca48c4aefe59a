import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { executeRun } from '../runner/execute-run.js';
import { planRuns } from './experiment.js';
import { suiteDefinition } from './load.js';
import { parseExperiment } from './parse.js';

const catalog = await createDefaultCatalog();

describe("the 'text' suite", () => {
  it('gives every trainer the task’s own network: names through embedding → LSTM → dense, spam through a small MLP', () => {
    const { experiment, skipped } = parseExperiment(suiteDefinition('text'), { source: 'text', catalog });
    expect(skipped).toEqual([]);
    expect(experiment.tasks.map((t) => t.label)).toEqual(['names-2k', 'spam-1k']);
    expect(experiment.trainers.map((t) => t.id)).toEqual(['adam', 'openai-es', 'sep-cma-es', 'memetic', 'pbt']);
    expect(experiment.tasks[0]?.model?.layers.map((l) => l.type)).toEqual(['embedding', 'lstm', 'dense']);
    expect(planRuns(experiment).every((r) => r.taskModel !== undefined)).toBe(true);
  });

  it('backprop and evolution train the names LSTM within one FLOP cap (300 names, one seed), scored per real character', async () => {
    const { experiment } = parseExperiment(
      {
        ...suiteDefinition('text'),
        tasks: [{ ...(suiteDefinition('text').tasks[0] as object), options: { samples: 300 }, budget: { flops: 2e7 } }],
        trainers: ['adam', 'openai-es'],
        seeds: 1,
      },
      { source: 'text (small)', catalog },
    );
    for (const spec of planRuns(experiment)) {
      const r = await executeRun(spec, catalog, AbortSignal.timeout(120_000));
      expect(r?.ok, `${r?.trainer}: ${r?.reason}`).toBe(true);
      expect(r?.model?.parameters).toBe(2325); // 29·8 + 4·16·(8 + 16 + 1) + 16·29 + 29
      expect(r?.cost.flops).toBeLessThanOrEqual(2e7);
      expect(r?.final).toBeGreaterThanOrEqual(0);
      expect(r?.final).toBeLessThanOrEqual(1);
      // The report's sampled names: ten seeded samples of the returned model at temperature 0.8.
      const samples = r?.extras?.samples as string[];
      expect(samples).toHaveLength(10);
      expect(samples.every((s) => /^[a-z-]{0,15}$/.test(s))).toBe(true);
    }
  }, 120_000);

  it('refuses a task model on a task without inputs to stack layers on', async () => {
    const { experiment } = parseExperiment(
      {
        tasks: [{ id: 'sphere', model: { layers: [{ type: 'dense', units: 2 }] } }],
        trainers: ['openai-es'],
        seeds: 1,
        budget: { evaluations: 100 },
      },
      { source: 'objective', catalog },
    );
    const [spec] = planRuns(experiment);
    if (spec === undefined) throw new Error('no run planned');
    const r = await executeRun(spec, catalog, AbortSignal.timeout(30_000));
    expect(r?.ok).toBe(false);
    expect(r?.reason).toMatch(/task model: layers over a task's inputs need a supervised task, got 'sphere' \(objective\)/);
  });
});

describe('accuracy under the masked loss', () => {
  it('counts real tokens only: padding (class 0) is neither a hit nor a miss', async () => {
    const { testMetric } = await import('../runner/evaluate.js');
    const { Tensor } = await import('@evoprop/tensor');
    // logits [1, 3, 2] predict class 1 at every step; targets: a hit, a miss and padding.
    const model = { forward: () => new Tensor(new Float32Array([0, 1, 0, 1, 0, 1]), [1, 3, 2]) } as never;
    const split = { x: new Tensor(new Float32Array(3), [1, 3]), y: new Tensor(new Float32Array([1, 0, 0]), [1, 3]) };
    const task = { metric: 'accuracy', problem: 'classification', test: split } as const;
    expect(testMetric(model, { ...task, loss: 'softmax-cross-entropy' } as never)).toBeCloseTo(1 / 3, 9);
    expect(
      testMetric(model, {
        ...task,
        loss: 'masked-softmax-cross-entropy',
        test: { ...split, y: new Tensor(new Float32Array([1, 2, 0]), [1, 3]) },
      } as never),
    ).toBe(0.5);
  });
});
