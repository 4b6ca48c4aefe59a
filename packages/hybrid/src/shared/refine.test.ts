import { adam, sgd } from '@evoprop/backprop';
import { CostMeter, type SupervisedTask, evaluateModel, mlp } from '@evoprop/core';
import { hugeTargetTask, xorTask } from '@evoprop/core/testing';
import { Rng, fromArray } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { refine } from './refine.js';
import { miniBatch } from './supervised.js';

const net = (task: SupervisedTask, seed = 1) =>
  mlp({ inputSize: 2, hidden: [4], outputSize: task.outputSize, activation: 'tanh' }, Rng.fromSeed(seed));

describe('refine', () => {
  it('lowers the loss and charges every step: one gradient step and the batch size in evaluations', () => {
    const task = xorTask();
    const model = net(task);
    const before = evaluateModel(model, task.train, task).loss as number;
    const meter = new CostMeter();
    const opt = adam({ lr: 0.1 });
    const r = meter.measure(() =>
      refine({
        model,
        task,
        optimizer: opt,
        state: opt.init(model.params.size),
        steps: 60,
        batchSize: 3,
        rng: Rng.fromSeed(2),
        meter,
      }),
    );
    expect(r.applied).toBe(60);
    expect(meter.cost().gradientSteps).toBe(60);
    expect(meter.cost().evaluations).toBe(180);
    expect(meter.cost().flops).toBeGreaterThan(0);
    expect(evaluateModel(model, task.train, task).loss as number).toBeLessThan(before * 0.8);
  });

  it('is deterministic in its rng (same seed ⇒ same bytes; other seed ⇒ other batches)', () => {
    const run = (seed: number) => {
      const task = xorTask();
      const model = net(task);
      const opt = sgd({ lr: 0.1 });
      refine({
        model,
        task,
        optimizer: opt,
        state: opt.init(model.params.size),
        steps: 5,
        batchSize: 2,
        rng: Rng.fromSeed(seed),
        meter: new CostMeter(),
      });
      return Array.from(model.params.vector);
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('stops before a non-finite update and leaves the weights finite', () => {
    const task = hugeTargetTask();
    const model = net(task);
    const before = Float32Array.from(model.params.vector);
    const opt = sgd({ lr: 0.1 });
    const r = refine({
      model,
      task,
      optimizer: opt,
      state: opt.init(model.params.size),
      steps: 3,
      batchSize: null,
      rng: Rng.fromSeed(0),
      meter: new CostMeter(),
    });
    expect(r.diverged).toMatch(/loss|gradient|overflow/);
    expect(r.applied).toBe(0);
    expect(Array.from(model.params.vector)).toEqual(Array.from(before));
  });
});

describe('miniBatch', () => {
  it('draws distinct rows of the training split, or the whole split for null', () => {
    const task = xorTask();
    const b = miniBatch(task, 3, Rng.fromSeed(5));
    expect(b.x.shape).toEqual([3, 2]);
    const rows = new Set(Array.from({ length: 3 }, (_, i) => `${b.x.data[2 * i]},${b.x.data[2 * i + 1]}`));
    expect(rows.size).toBe(3);
    expect(miniBatch(task, null, Rng.fromSeed(5))).toBe(task.train);
    expect(miniBatch({ ...task, train: { x: fromArray([[1, 2]]), y: fromArray([0]) } }, 8, Rng.fromSeed(5)).x.shape).toEqual([1, 2]);
  });
});
