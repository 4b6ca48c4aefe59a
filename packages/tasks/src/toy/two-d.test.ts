import { Rng, type Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { circles, gaussianBlobs, moons, twoSpirals, xorQuadrants } from './two-d.js';

const rows = (x: Tensor) => Array.from({ length: x.shape[0] }, (_, i) => [x.data[2 * i], x.data[2 * i + 1]] as const);

/** 1-nearest-neighbour accuracy of `test` against `train`: an independent check that the classes are separable. */
function oneNearestNeighbour(train: { x: Tensor; y: Tensor }, test: { x: Tensor; y: Tensor }): number {
  const a = rows(train.x);
  let correct = 0;
  rows(test.x).forEach(([px, py], i) => {
    let best = Number.POSITIVE_INFINITY;
    let label = -1;
    a.forEach(([qx, qy], j) => {
      const d = (px - qx) ** 2 + (py - qy) ** 2;
      if (d < best) [best, label] = [d, train.y.data[j]];
    });
    if (label === test.y.data[i]) correct++;
  });
  return correct / test.y.size;
}

describe('2-D toy generators', () => {
  it('xor quadrants: without noise the class is sign(x·y) and points keep 0.3 off the axes', () => {
    const d = xorQuadrants(Rng.fromSeed(1), 400, 0);
    for (let i = 0; i < d.n; i++) {
      const [x, y] = [d.x[2 * i], d.x[2 * i + 1]];
      expect(Math.abs(x)).toBeGreaterThanOrEqual(0.3 - 1e-6);
      expect(d.y[i]).toBe(x * y >= 0 ? 1 : 0);
    }
  });

  it('circles: without noise class 1 is exactly the inner disc of radius 2.5, class 0 the ring 3.5–5', () => {
    const d = circles(Rng.fromSeed(2), 400, 0);
    for (let i = 0; i < d.n; i++) {
      const r = Math.hypot(d.x[2 * i], d.x[2 * i + 1]);
      if (d.y[i] === 1) expect(r).toBeLessThan(2.5);
      else expect(r).toBeGreaterThanOrEqual(3.5 - 1e-5);
    }
  });

  it('spirals: noise-free points lie at radius 5·i/n on two arms half a turn apart', () => {
    const d = twoSpirals(Rng.fromSeed(3), 200, 0);
    for (let i = 0; i < 100; i++) {
      expect(Math.hypot(d.x[2 * i], d.x[2 * i + 1])).toBeCloseTo((i / 100) * 5, 5);
      // The second arm is the first one rotated by π.
      expect(d.x[2 * (i + 100)]).toBeCloseTo(-d.x[2 * i], 5);
      expect(d.y[i]).toBe(1);
      expect(d.y[i + 100]).toBe(0);
    }
  });

  it('moons: noise-free points lie on the two unit half circles', () => {
    const d = moons(Rng.fromSeed(4), 100, 0);
    for (let i = 0; i < 50; i++) expect(Math.hypot(d.x[2 * i], d.x[2 * i + 1])).toBeCloseTo(1, 5);
    for (let i = 50; i < 100; i++) expect(Math.hypot(d.x[2 * i] - 1, d.x[2 * i + 1] + 0.5 - 1)).toBeCloseTo(1, 5);
  });

  it('blobs: class means sit at the Playground centres (2, 2) and (-2, -2); more classes are balanced', () => {
    const d = gaussianBlobs(Rng.fromSeed(5), 4000, 0, 2);
    const mean = [0, 0, 0, 0];
    for (let i = 0; i < d.n; i++) {
      const k = d.y[i];
      mean[2 * k] += d.x[2 * i] / 2000;
      mean[2 * k + 1] += d.x[2 * i + 1] / 2000;
    }
    expect(mean[2]).toBeCloseTo(2, 1);
    expect(mean[3]).toBeCloseTo(2, 1);
    expect(mean[0]).toBeCloseTo(-2, 1);
    const five = gaussianBlobs(Rng.fromSeed(5), 53, 0.2, 5);
    const counts = [0, 0, 0, 0, 0];
    for (const k of five.y) counts[k]++;
    expect(counts).toEqual([11, 11, 11, 10, 10]);
  });
});

describe('2-D toy tasks', () => {
  it.each(['xor-quadrants', 'spirals', 'circles', 'moons', 'blobs'])(
    '%s: splits 300/100/100 of 500, class indices, 1-NN separates them',
    (id) => {
      const task = createSupervisedTask(id, 7);
      expect(task.train.x.shape).toEqual([300, 2]);
      expect(task.validation.x.shape).toEqual([100, 2]);
      expect(task.test.y.shape).toEqual([100]);
      expect(task.problem).toBe('classification');
      expect(task.outputSize).toBe(2);
      for (const v of task.train.y.data) expect([0, 1]).toContain(v);
      expect(oneNearestNeighbour(task.train, task.test)).toBeGreaterThan(0.85);
    },
  );

  it('noise makes spirals harder for 1-NN (labels of neighbours disagree more)', () => {
    const clean = createSupervisedTask('spirals', 1, { samples: 600 });
    const noisy = createSupervisedTask('spirals', 1, { samples: 600, noise: 1.5 });
    expect(oneNearestNeighbour(noisy.train, noisy.test)).toBeLessThan(oneNearestNeighbour(clean.train, clean.test));
  });

  it('split fractions and sample count are honoured', () => {
    const task = createSupervisedTask('moons', 3, { samples: 101, validationFraction: 0.1, testFraction: 0.3 });
    expect([task.train.x.shape[0], task.validation.x.shape[0], task.test.x.shape[0]]).toEqual([61, 10, 30]);
  });
});
