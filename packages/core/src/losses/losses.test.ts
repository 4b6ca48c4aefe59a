import { Rng, ShapeError, ValueError, add, fromArray, gradCheck, mul, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { binaryCrossEntropyFromLogits, softmaxCrossEntropyFromLogits } from './cross-entropy.js';
import { lossFor, losses } from './loss-for.js';
import { huber, mae, mse } from './regression.js';

const rng = Rng.fromSeed(21);
const classes = fromArray([0, 2, 1, 2, 0]);

describe('losses', () => {
  it.each([
    ['mse', (p: ReturnType<typeof randn>) => mse(p, randn([5, 3], Rng.fromSeed(1)))],
    ['mae', (p: ReturnType<typeof randn>) => mae(p, randn([5, 3], Rng.fromSeed(1)))],
    ['huber', (p: ReturnType<typeof randn>) => huber(mul(p, 3), randn([5, 3], Rng.fromSeed(1)), { delta: 1 })],
    ['softmax CE', (p: ReturnType<typeof randn>) => softmaxCrossEntropyFromLogits(p, classes)],
    ['softmax CE weighted', (p: ReturnType<typeof randn>) => softmaxCrossEntropyFromLogits(p, classes, { classWeights: [1, 3, 0.5] })],
    [
      'BCE',
      (p: ReturnType<typeof randn>) =>
        binaryCrossEntropyFromLogits(
          p,
          fromArray(
            Array.from({ length: 15 }, (_, i) => i % 2),
            [5, 3],
          ),
        ),
    ],
    [
      'BCE weighted',
      (p: ReturnType<typeof randn>) =>
        binaryCrossEntropyFromLogits(
          p,
          fromArray(
            Array.from({ length: 15 }, (_, i) => (i % 3) / 2),
            [5, 3],
          ),
          { classWeights: [0.3, 2] },
        ),
    ],
  ] as const)('%s passes the gradient check', (_, f) => {
    expect(gradCheck(f, [randn([5, 3], rng)], { eps: 1e-3 }).ok).toBe(true);
  });

  it('softmax CE matches a direct computation and is stable for huge logits', () => {
    const z = fromArray([[1, 2, 3]]);
    const expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 2;
    expect(softmaxCrossEntropyFromLogits(z, fromArray([1])).item()).toBeCloseTo(expected, 6);
    expect(softmaxCrossEntropyFromLogits(fromArray([[1e4, 0]]), fromArray([1])).item()).toBeCloseTo(1e4, 0);
    expect(softmaxCrossEntropyFromLogits(add(fromArray([[1, 2, 3]]), 1e4), fromArray([1])).item()).toBeCloseTo(expected, 2);
  });

  it("class weights give PyTorch's weighted mean", () => {
    const z = fromArray([
      [2, 0],
      [0, 2],
    ]);
    const y = fromArray([0, 0]);
    const l0 = Math.log(1 + Math.exp(-2));
    const l1 = Math.log(1 + Math.exp(2));
    // both rows are class 0, so weights cancel: plain mean
    expect(softmaxCrossEntropyFromLogits(z, y, { classWeights: [5, 1] }).item()).toBeCloseTo((l0 + l1) / 2, 6);
    const y2 = fromArray([0, 1]);
    expect(softmaxCrossEntropyFromLogits(z, y2, { classWeights: [3, 1] }).item()).toBeCloseTo((3 * l0 + l0) / 4, 6);
  });

  it('BCE from logits matches log-sigmoid and survives large logits', () => {
    const z = fromArray([[0.5], [-1]]);
    const y = fromArray([1, 0]);
    const expected = (Math.log(1 + Math.exp(-0.5)) + Math.log(1 + Math.exp(-1))) / 2;
    expect(binaryCrossEntropyFromLogits(z, y).item()).toBeCloseTo(expected, 6);
    expect(binaryCrossEntropyFromLogits(fromArray([[-800]]), fromArray([1])).item()).toBeCloseTo(800, 3);
    expect(Number.isFinite(binaryCrossEntropyFromLogits(fromArray([[800]]), fromArray([1])).item())).toBe(true);
  });

  it('huber is quadratic inside delta and linear outside', () => {
    expect(huber(fromArray([0.5]), fromArray([0])).item()).toBeCloseTo(0.125);
    expect(huber(fromArray([3]), fromArray([0])).item()).toBeCloseTo(2.5);
    expect(huber(fromArray([3]), fromArray([0]), { delta: 2 }).item()).toBeCloseTo(4);
  });

  it('bad targets fail naming what was expected', () => {
    expect(() => softmaxCrossEntropyFromLogits(randn([2, 3], rng), fromArray([0, 3]))).toThrow(ValueError);
    expect(() => softmaxCrossEntropyFromLogits(randn([2, 3], rng), fromArray([0, 3]))).toThrow(/class indices in 0..2, got 3 at row 1/);
    expect(() => softmaxCrossEntropyFromLogits(randn([2, 3], rng), fromArray([[0], [1]]))).toThrow(ShapeError);
    expect(() => softmaxCrossEntropyFromLogits(randn([2, 3], rng), fromArray([0, 1]), { classWeights: [1, 1] })).toThrow(
      /one weight per class \(3\)/,
    );
    expect(() => mse(randn([2, 3], rng), randn([3, 2], rng))).toThrow(
      /mse: expected targets of the prediction's shape \[2, 3\], got \[3, 2\]/,
    );
    expect(() => binaryCrossEntropyFromLogits(randn([2, 1], rng), fromArray([0, 2]))).toThrow(/targets in \[0, 1\], got 2/);
  });

  it('lossFor looks every task loss up and rejects unknown ids', () => {
    for (const id of Object.keys(losses)) expect(typeof lossFor(id)).toBe('function');
    expect(() => lossFor('hinge')).toThrow(
      /loss: expected one of mse, mae, huber, binary-cross-entropy, softmax-cross-entropy, masked-softmax-cross-entropy, got 'hinge'/,
    );
  });
});
