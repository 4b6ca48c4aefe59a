import { xorTask } from '@evoprop/core/testing';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { fromArray, Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { neatModelKinds } from './model.js';
import { NeatTrainer, NeatTrainerError, neatTrainer } from './trainer.js';
import type { ControlTask, SupervisedTask } from '@evoprop/core';

const small = { neat: { populationSize: 50 } };

describeTrainerConformance('NeatTrainer', () => new NeatTrainer(small), {
  budgets: ['generations', 'evaluations', 'flops', 'wallSeconds', 'target'],
  kinds: neatModelKinds,
  // The reference XOR is two-class softmax over sigmoid outputs; the default fitness (accuracy,
  // ties broken by likelihood) solves it, so the target is every point.
  target: { metric: 'accuracy', value: 1 },
  targetBackstop: { generations: 300 },
  // 403 evaluations: two generations of 50 × 4 fit (400), a third does not.
  caps: { generations: 4 },
});

/** The paper's XOR: one output, solved when every output is on the right side of 0.5. */
function xorRegression(): SupervisedTask {
  const split = {
    x: fromArray([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]),
    y: fromArray([[0], [1], [1], [0]]),
  };
  return {
    id: 'xor-1',
    seed: 0,
    description: 'xor',
    kind: 'supervised',
    inputShape: [2],
    outputSize: 1,
    problem: 'regression',
    loss: 'mae',
    metric: 'mse',
    train: split,
    validation: split,
    test: split,
  };
}

/** A toy control task: steer a point to 0.7 by outputting it; return = 1 − |a − 0.7| per step. */
function pointTask(): ControlTask {
  return {
    id: 'point',
    seed: 0,
    description: 'point',
    kind: 'control',
    observationSize: 1,
    actionSize: 1,
    actionKind: 'continuous',
    maxSteps: 5,
    metric: 'return',
    createEnvironment: () => {
      let t = 0;
      return {
        reset: () => {
          t = 0;
          return Float32Array.of(1);
        },
        step: (a) => {
          t++;
          const v = (a as Float32Array)[0] as number;
          return { observation: Float32Array.of(1), reward: 1 - Math.abs(v - 0.7), done: t >= 5, terminated: false, truncated: t >= 5 };
        },
      };
    },
  };
}

describe('NeatTrainer', () => {
  it('solves the one-output XOR with −MAE fitness (the paper setup, through the contract)', async () => {
    const r = await new NeatTrainer({ neat: { network: { sigmoidSlope: 4.9 } } }).fit({
      task: xorRegression(),
      rng: Rng.fromSeed(1),
      budget: { generations: 150, target: { metric: 'loss', value: 0.1, direction: 'min' } },
    });
    expect(r.status).toBe('reached-target');
    expect(r.metrics.loss).toBeLessThanOrEqual(0.1);
  });

  it('solves two-class XOR (softmax over two sigmoid outputs) with the default fitness on every seed tried', async () => {
    for (const seed of [0, 1, 2, 3]) {
      const r = await new NeatTrainer().fit({
        task: xorTask(seed),
        rng: Rng.fromSeed(seed),
        budget: { generations: 100, target: { metric: 'accuracy', value: 1 } },
      });
      expect(r.status, `seed ${seed}: ${r.reason}`).toBe('reached-target');
    }
  });

  it('learns a control task', async () => {
    const r = await new NeatTrainer(small).fit({ task: pointTask(), rng: Rng.fromSeed(2), budget: { generations: 15 } });
    const first = r.history[0]?.metrics.return as number;
    expect(r.metrics.return).toBeGreaterThan(4.9);
    expect(r.metrics.return).toBeGreaterThanOrEqual(first);
  });

  it('fails loudly on bad input', async () => {
    expect(() => new NeatTrainer({ neat: { populationSise: 3 } })).toThrow(/populationSise.*populationSize/);
    expect(() => new NeatTrainer({ fitnes: 'loss' } as never)).toThrow(
      "neat config.fitnes: expected one of the keys episodes, fitness, neat, novelty, preset, taskFactory, workers, got unknown key 'fitnes' (did you mean 'fitness'?)",
    );
    expect(() => neatTrainer.create({ fitnes: 'loss' } as never)).toThrow();
    const objective = {
      id: 'o',
      seed: 0,
      description: '',
      kind: 'objective',
      dimension: 2,
      metric: 'objective',
      evaluate: () => 0,
      optimum: 0,
    } as const;
    await expect(new NeatTrainer(small).fit({ task: objective, rng: Rng.fromSeed(0), budget: { generations: 1 } })).rejects.toThrow(
      NeatTrainerError,
    );
  });

  it('continues from a starting NEAT model', async () => {
    const first = await new NeatTrainer(small).fit({ task: xorTask(0), rng: Rng.fromSeed(3), budget: { generations: 3 } });
    const again = await new NeatTrainer(small).fit({
      task: xorTask(0),
      model: first.model,
      rng: Rng.fromSeed(4),
      budget: { generations: 2 },
    });
    expect(again.history[0]?.metrics.fitness).toBeGreaterThanOrEqual(first.history.at(-1)?.metrics.fitness as number);
  });
});

describe('NeatTrainer on worker threads', () => {
  it('gives bit-identical runs on 0, 1 and 2 workers', async () => {
    const { createTask } = await import('@evoprop/tasks');
    const runs = [];
    for (const workers of [0, 1, 2]) {
      const r = await new NeatTrainer({ ...small, workers }).fit({
        task: createTask('xor', 0, { targets: 'binary' }),
        rng: Rng.fromSeed(5),
        budget: { generations: 4 },
      });
      runs.push({
        weights: Array.from(r.model.params.vector),
        history: JSON.stringify(r.history.map((e) => ({ ...e, cost: { ...e.cost, wallSeconds: 0 } }))),
      });
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('needs a task with a spec', async () => {
    await expect(
      new NeatTrainer({ ...small, workers: 1 }).fit({ task: xorTask(0), rng: Rng.fromSeed(0), budget: { generations: 1 } }),
    ).rejects.toThrow(/expected a task with a spec/);
  });
});
