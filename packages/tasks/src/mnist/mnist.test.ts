import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { nearestNeighbourAccuracy } from '../testing/nearest-neighbour.js';
import { createSplitMnist } from './split.js';

// Published class counts of the MNIST training file (0..9).
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

const counts = (y: Float32Array, classes = 10) => {
  const c = new Array(classes).fill(0);
  for (const v of y) c[v]++;
  return c;
};

describe('MNIST', () => {
  it('the whole training file is parsed: train + validation hold every image with the published class counts', () => {
    const task = createSupervisedTask('mnist', 1, { testSize: 10 });
    expect(task.train.x.shape).toEqual([55_000, 784]);
    expect(task.validation.x.shape).toEqual([5000, 784]);
    const all = counts(task.train.y.data).map((c, k) => c + counts(task.validation.y.data)[k]);
    expect(all).toEqual(TRAIN_COUNTS);
    const x = task.train.x.data;
    for (let i = 0; i < x.length; i += 9973) expect(x[i] >= 0 && x[i] <= 1).toBe(true);
    // Image 0 of the training file is a 5 whose brightest pixels are 255 → 1.
    expect(task.train.x.data.subarray(0, 784).reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)).toBeLessThanOrEqual(1);
  });

  it('subsets, image layout and standardisation with train-split statistics', () => {
    const task = createSupervisedTask('mnist', 2, {
      trainSize: 500,
      validationSize: 100,
      testSize: 200,
      layout: 'image',
      scaling: 'standardise',
    });
    expect(task.inputShape).toEqual([1, 28, 28]);
    expect(task.train.x.shape).toEqual([500, 1, 28, 28]);
    expect(task.test.x.shape).toEqual([200, 1, 28, 28]);
    let sum = 0;
    let sq = 0;
    for (const v of task.train.x.data) {
      sum += v;
      sq += v * v;
    }
    const n = task.train.x.size;
    expect(sum / n).toBeCloseTo(0, 4);
    expect(sq / n).toBeCloseTo(1, 3);
  });

  it('the test file is the official one: its first label is 7 and every digit appears', () => {
    const task = createSupervisedTask('mnist', 3, { trainSize: 10, validationSize: 10 });
    expect(task.test.y.shape).toEqual([10_000]);
    expect(task.test.y.data[0]).toBe(7);
    expect(counts(task.test.y.data).every((c) => c > 800)).toBe(true);
  });

  it('split-MNIST: remapped labels 0..4 for 5–9, or the original digits with 10 outputs', () => {
    const { first, second } = createSplitMnist(4, { trainSize: 300, validationSize: 50, testSize: 100 });
    expect(first.outputSize).toBe(5);
    expect(second.classLabels).toEqual([5, 6, 7, 8, 9]);
    for (const v of second.train.y.data) expect(v).toBeLessThan(5);
    const original = createSplitMnist(4, { trainSize: 300, validationSize: 50, testSize: 100, labels: 'original' });
    expect(original.second.outputSize).toBe(10);
    for (const v of original.second.test.y.data) expect(v).toBeGreaterThanOrEqual(5);
    for (const v of original.first.train.y.data) expect(v).toBeLessThan(5);
    expect(() => createSupervisedTask('split-mnist', 1, { digits: [1, 1] })).toThrow(/distinct/);
    expect(() => createSupervisedTask('mnist', 1, { trainSize: 56_000 })).toThrow(
      /expected trainSize ≤ 55000 \(training images left after validation\), got 56000/,
    );
    expect(() => createSupervisedTask('split-mnist', 1, { testSize: 9000 })).toThrow(/expected testSize ≤ 5139/);
  });

  it('permuted MNIST: the same images under different seeded pixel permutations', () => {
    const o = { trainSize: 20, validationSize: 10, testSize: 10 };
    const a = createSupervisedTask('permuted-mnist', 5, { ...o, permutation: 0 });
    const b = createSupervisedTask('permuted-mnist', 5, { ...o, permutation: 1 });
    expect(b.train.y.data).toEqual(a.train.y.data);
    const image = (x: Float32Array) => Array.from(x.subarray(0, 784)).sort();
    expect(image(b.train.x.data)).toEqual(image(a.train.x.data));
    expect(b.train.x.data).not.toEqual(a.train.x.data);
  });

  it('images and labels stay aligned: 1-NN on 1,000 training images classifies the test images far above chance', () => {
    const o = { trainSize: 1000, validationSize: 100, testSize: 100 };
    const mnist = createSupervisedTask('mnist', 6, o);
    expect(nearestNeighbourAccuracy(mnist.train, mnist.test)).toBeGreaterThan(0.8);
    expect(nearestNeighbourAccuracy(mnist.train, mnist.validation)).toBeGreaterThan(0.8);
    // 1-NN does not care about a fixed pixel permutation, so permuted MNIST scores the same way.
    const permuted = createSupervisedTask('permuted-mnist', 6, { ...o, permutation: 3 });
    expect(nearestNeighbourAccuracy(permuted.train, permuted.test)).toBeGreaterThan(0.8);
    const second = createSupervisedTask('split-mnist', 6, { ...o, digits: [5, 6, 7, 8, 9] });
    expect(nearestNeighbourAccuracy(second.train, second.test)).toBeGreaterThan(0.8);
  });
});
