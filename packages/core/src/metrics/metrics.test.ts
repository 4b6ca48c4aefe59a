import { Rng, ShapeError, ValueError, fromArray } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import type { SupervisedTask } from '../contract/task.js';
import { dense } from '../layers/dense.js';
import { softmaxCrossEntropyFromLogits } from '../losses/cross-entropy.js';
import { sequential } from '../model/sequential.js';
import { CostMeter } from '../contract/cost.js';
import { evaluateModel } from './evaluate.js';
import { accuracy, meanSquaredError, r2, topK } from './metrics.js';

describe('metrics', () => {
  const scores = fromArray([
    [0.1, 0.7, 0.2],
    [0.5, 0.3, 0.2],
    [0.2, 0.3, 0.5],
    [0.4, 0.35, 0.25],
  ]);
  const y = fromArray([1, 1, 2, 2]);
  it('accuracy and topK', () => {
    expect(accuracy(scores, y)).toBe(0.5);
    expect(topK(scores, y, 1)).toBe(0.5);
    expect(topK(scores, y, 2)).toBe(0.75);
    expect(topK(scores, y, 3)).toBe(1);
  });
  it('binary accuracy thresholds a single logit', () => {
    expect(accuracy(fromArray([[2], [-1], [0.5]]), fromArray([1, 0, 0]))).toBeCloseTo(2 / 3);
  });
  it('mse and r2 against hand values', () => {
    const p = fromArray([[1], [2], [3]]);
    const t = fromArray([[1], [2], [4]]);
    expect(meanSquaredError(p, t)).toBeCloseTo(1 / 3);
    // mean 7/3, SS_tot = (16+1+25)/9 = 42/9; SS_res = 1
    expect(r2(p, t)).toBeCloseTo(1 - 9 / 42);
    expect(r2(t, t)).toBe(1);
  });
  it('rejects mismatched targets', () => {
    expect(() => accuracy(scores, fromArray([1, 2]))).toThrow(
      /accuracy: expected class-index targets of shape \[4\] for logits \[4, 3\], got \[2\]/,
    );
  });
  it('rejects one-hot targets, which it used to read as class indices', () => {
    const oneHot = fromArray([
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    expect(() => accuracy(scores, oneHot)).toThrow(ShapeError);
    expect(() => accuracy(scores, oneHot)).toThrow(
      /accuracy: expected class-index targets of shape \[4\] for logits \[4, 3\], got \[4, 3\]/,
    );
    expect(() => topK(scores, oneHot, 2)).toThrow(/topK: expected class-index targets of shape \[4\]/);
  });
  // The same labels make the softmax cross-entropy throw; the metrics must agree with it.
  it.each([
    ['3 (one past the last class)', [1, 1, 1, 3], /class indices in 0\.\.2, got 3 at row 3/],
    ['-1 (read the previous row)', [1, -1, 1, 2], /class indices in 0\.\.2, got -1 at row 1/],
    ['1.5', [1, 1.5, 1, 2], /class indices in 0\.\.2, got 1\.5 at row 1/],
    ['NaN', [1, 1, Number.NaN, 2], /class indices in 0\.\.2, got NaN at row 2/],
  ])('rejects a label of %s as the loss does', (_, labels, message) => {
    const bad = fromArray(labels);
    expect(() => softmaxCrossEntropyFromLogits(scores, bad)).toThrow(message);
    for (const run of [() => accuracy(scores, bad), () => topK(scores, bad, 1), () => topK(scores, bad, 3)]) {
      expect(run).toThrow(ValueError);
      expect(run).toThrow(message);
    }
  });
  it('rejects binary labels other than 0 and 1, and a k that is not a count', () => {
    expect(() => accuracy(fromArray([[2], [-1]]), fromArray([1, 2]))).toThrow(/accuracy: expected class indices in 0\.\.1, got 2 at row 1/);
    expect(accuracy(fromArray([[2], [-1]]), fromArray([[1], [0]]))).toBe(1);
    expect(() => topK(scores, y, 0)).toThrow(/topK: expected k an integer ≥ 1, got 0/);
    expect(() => topK(fromArray([[2], [-1]]), fromArray([1, 0]), 1)).toThrow(/topK: expected one score per class/);
  });
});

describe('evaluateModel', () => {
  const model = sequential([dense(3)], { inputShape: [2], rng: Rng.fromSeed(4) });
  const x = fromArray(
    Array.from({ length: 14 }, (_, i) => Math.sin(i)),
    [7, 2],
  );
  const y = fromArray([0, 1, 2, 0, 1, 2, 0]);
  const task: Pick<SupervisedTask, 'loss' | 'problem'> = { loss: 'softmax-cross-entropy', problem: 'classification' };

  it('batched results equal the whole-split computation and count evaluations', () => {
    const meter = new CostMeter();
    const batched = evaluateModel(model, { x, y }, task, { batchSize: 3, meter });
    const out = model.forward(x);
    expect(batched.loss).toBeCloseTo(softmaxCrossEntropyFromLogits(out, y).item(), 6);
    expect(batched.accuracy).toBe(accuracy(out, y));
    expect(meter.cost().evaluations).toBe(7);
  });
  it('regression tasks get mse and r2', () => {
    const m = sequential([dense(1)], { inputShape: [2], rng: Rng.fromSeed(4) });
    const r = evaluateModel(
      m,
      { x, y: fromArray([1, 2, 3, 4, 5, 6, 7], [7, 1]) },
      { loss: 'mse', problem: 'regression' },
      { batchSize: 2 },
    );
    expect(Object.keys(r).sort()).toEqual(['loss', 'mse', 'r2']);
    expect(r.loss).toBeCloseTo(r.mse as number, 5);
  });
  it('under binary cross-entropy, mse is of the probabilities σ(logits), not of the logits', () => {
    const m = sequential([dense(2)], { inputShape: [2], rng: Rng.fromSeed(4) });
    const target = fromArray([0, 1, 1, 0, 0.5, 0.2, 1, 1, 0, 0, 0.3, 0.7, 1, 0], [7, 2]);
    const r = evaluateModel(m, { x, y: target }, { loss: 'binary-cross-entropy', problem: 'regression' });
    const logits = m.forward(x).data;
    let s = 0;
    logits.forEach((z, i) => {
      s += (1 / (1 + Math.exp(-z)) - (target.data[i] as number)) ** 2;
    });
    expect(r.mse).toBeCloseTo(s / logits.length, 6);
  });
  it('records no graph', () => {
    const r = evaluateModel(model, { x, y }, task);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(model.params.grads.every((g) => g === 0)).toBe(true);
  });
});
