import { loadModel, saveModel } from '@evoprop/core/io';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { HyperNeatTrainer, hyperNeatTrainer, layoutSubstrate, meanSquaredDistance, substrateQueries } from './trainer.js';

// XOR: inputs in a row at y = −1, a hidden row of 4, the two class outputs in a row at y = 1.
describeTrainerConformance(
  'HyperNeatTrainer (XOR, 2-4-2 substrate)',
  () => new HyperNeatTrainer({ hidden: [4], neat: { populationSize: 50 } }),
  {
    budgets: ['generations', 'evaluations', 'flops', 'wallSeconds', 'target'],
    // A linear separation (3 of 4 points) is within reach of a few generations of CPPNs.
    target: { metric: 'accuracy', value: 0.75 },
    targetBackstop: { generations: 100 },
    // 403 evaluations: two generations of 50 CPPNs × 4 rows fit (400), a third does not.
    caps: { generations: 4 },
  },
);

describe('HyperNeatTrainer', () => {
  it('lays out substrates: grids for square layers and [h, w] inputs, rows otherwise', () => {
    const visual = layoutSubstrate([121], 121);
    expect(layoutSubstrate([11, 11], 121)).toEqual(visual);
    expect(visual.layers.map((l) => l.length)).toEqual([121, 121]);
    expect(visual.layers[0]?.[0]).toEqual([-1, -1]);
    expect(visual.layers[1]?.[120]).toEqual([1, 1]);
    expect(visual.layers[0]?.[11 + 5]).toEqual([0, -0.8]);
    const xor = layoutSubstrate([2], 2, [3]);
    expect(xor.layers).toEqual([
      [
        [-1, -1],
        [1, -1],
      ],
      [
        [-1, 0],
        [0, 0],
        [1, 0],
      ],
      [
        [-1, 1],
        [1, 1],
      ],
    ]);
    // The paper's visual substrate: 121 × 121 = 14,641 connections (section 5), plus 121 biases.
    expect(substrateQueries(visual)).toBe(14_641 + 121);
  });

  it('scores the arg-max node by its squared distance from the target node', () => {
    const nodes = [
      [-1, -1],
      [1, -1],
      [-1, 1],
    ] as const;
    const out = new Tensor(Float32Array.of(0, 5, 1, 9, 0, 0), [2, 3]);
    // Row 0 picks node 1 for target 2: (2² + 2²); row 1 picks node 0 for target 0: 0.
    expect(meanSquaredDistance(out, new Tensor(Float32Array.of(2, 0), [2]), nodes)).toBe(4);
  });

  it('learns the visual discrimination task: 10 generations of 50 CPPNs point near the big box on all 9,072 placements', async () => {
    const task = createSupervisedTask('visual-discrimination', 0, { validationSize: 50 });
    const trainer = new HyperNeatTrainer({ fitness: 'distance', neat: { populationSize: 50 } });
    const r = await trainer.fit({ task, rng: Rng.fromSeed(0), budget: { generations: 10 } });
    const first = r.history[0]?.metrics.distance as number;
    // A network that points at random is off by about 1.33 squared units on this 2 × 2 field
    // (2 · (2 · 0.577)²); the first generation's best CPPN is no better than 1.2.
    expect(first).toBeGreaterThan(1.2);
    expect(r.metrics.distance).toBeLessThan(0.7);
    expect(r.cost.evaluations).toBe(10 * 50 * 75);
    // The champion is a plain dense network (121 → 121): it saves, loads and computes the same.
    const loaded = loadModel(saveModel(r.model));
    const x = new Tensor(task.test.x.data.subarray(0, 121 * 3), [3, 121]);
    expect(Array.from(noGrad(() => loaded.forward(x)).data)).toEqual(Array.from(noGrad(() => r.model.forward(x)).data));
  }, 120_000);

  it('fails loudly on bad input', async () => {
    expect(() => new HyperNeatTrainer({ treshold: 0.2 } as never)).toThrow(/treshold.*threshold/);
    expect(() => hyperNeatTrainer.create({ fitness: 'nearest' } as never)).toThrow();
    const task = createSupervisedTask('visual-discrimination', 0, { validationSize: 5 });
    const wrong = new HyperNeatTrainer({ substrate: { layers: [[[0, 0]], [[0, 1]]] } });
    await expect(wrong.fit({ task, rng: Rng.fromSeed(0), budget: { generations: 1 } })).rejects.toThrow(
      /expected a substrate of 121 inputs and 121 outputs.*got 1 and 1/,
    );
  });
});
