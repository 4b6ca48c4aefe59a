import { describe, expect, it } from 'vitest';
import { arange, eye, fromArray, full, linspace, ones, onesLike, randn, uniform, zeros, zerosLike } from './create.js';
import { Rng } from './rng/rng.js';

describe('creation', () => {
  it('builds the documented values and shapes', () => {
    expect(zeros([2, 1]).toArray()).toEqual([[0], [0]]);
    expect(ones([2]).toArray()).toEqual([1, 1]);
    expect(full([1, 2], 7).toArray()).toEqual([[7, 7]]);
    expect(zerosLike(ones([3])).toArray()).toEqual([0, 0, 0]);
    expect(onesLike(zeros([1])).toArray()).toEqual([1]);
    expect(arange(3).toArray()).toEqual([0, 1, 2]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(fromArray([1, 2, 3, 4], [2, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(fromArray(5).shape).toEqual([]);
  });

  it('random creation is a pure function of the Rng', () => {
    const a = randn([50], Rng.fromSeed(3));
    const b = randn([50], Rng.fromSeed(3));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const u = uniform([1000], Rng.fromSeed(4), -2, 2);
    expect(u.data.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(-2);
    expect(u.data.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)).toBeLessThan(2);
  });
});
