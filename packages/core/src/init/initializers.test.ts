import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { initializerFor, initializerNames, initializers } from './initializers.js';

const stats = (a: Float32Array) => {
  let m = 0;
  for (const v of a) m += v;
  m /= a.length;
  let v2 = 0;
  for (const v of a) v2 += (v - m) ** 2;
  return { mean: m, variance: v2 / a.length };
};

describe('initializers', () => {
  const fans = { fanIn: 200, fanOut: 100 };
  it.each([
    ['glorotUniform', 2 / 300],
    ['glorotNormal', 2 / 300],
    ['heUniform', 2 / 200],
    ['heNormal', 2 / 200],
    ['lecunUniform', 1 / 200],
    ['lecunNormal', 1 / 200],
  ] as const)('%s has the variance of its paper (%f)', (name, variance) => {
    const out = new Float32Array(200 * 100);
    initializers[name](out, [200, 100], fans, Rng.fromSeed(3));
    const s = stats(out);
    expect(Math.abs(s.mean)).toBeLessThan(0.01);
    expect(s.variance / variance).toBeGreaterThan(0.95);
    expect(s.variance / variance).toBeLessThan(1.05);
  });

  it('uniform variants stay inside ±√(3·Var)', () => {
    const out = new Float32Array(1000);
    initializers.heUniform(out, [10, 100], { fanIn: 10, fanOut: 100 }, Rng.fromSeed(1));
    const limit = Math.sqrt(3 * (2 / 10));
    expect(out.reduce((a, b) => Math.max(a, Math.abs(b)), 0)).toBeLessThanOrEqual(limit);
  });

  it.each([
    [8, 5],
    [5, 8],
    [6, 6],
  ])('orthogonal %i×%i has orthonormal rows or columns', (rows, cols) => {
    const out = new Float32Array(rows * cols);
    initializers.orthogonal(out, [rows, cols], { fanIn: rows, fanOut: cols }, Rng.fromSeed(2));
    const byCols = rows >= cols;
    const k = byCols ? cols : rows;
    const n = byCols ? rows : cols;
    const at = (v: number, i: number) => (byCols ? (out[i * cols + v] as number) : (out[v * cols + i] as number));
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += at(a, i) * at(b, i);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    for (const name of initializerNames) {
      const a = new Float32Array(12);
      const b = new Float32Array(12);
      initializers[name](a, [3, 4], { fanIn: 3, fanOut: 4 }, Rng.fromSeed(5));
      initializers[name](b, [3, 4], { fanIn: 3, fanOut: 4 }, Rng.fromSeed(5));
      expect(b).toEqual(a);
    }
  });

  it('unknown names list the valid ones', () => {
    expect(() => initializerFor('xavier')).toThrow(/initializer: expected one of glorotUniform, .*orthogonal, got 'xavier'/);
  });
});
