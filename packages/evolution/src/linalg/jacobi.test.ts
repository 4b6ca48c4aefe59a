import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './jacobi.js';

describe('symmetricEigen', () => {
  it('reconstructs a random symmetric matrix with orthonormal eigenvectors', () => {
    const n = 12;
    const rng = Rng.fromSeed(5);
    const g = rng.fillNormal(new Float64Array(n * n));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += g[i * n + k] * g[j * n + k];
    const { values, vectors: b } = symmetricEigen(a, n);
    let maxErr = 0;
    let maxOrth = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let r = 0;
        let o = 0;
        for (let k = 0; k < n; k++) {
          r += b[i * n + k] * values[k] * b[j * n + k];
          o += b[k * n + i] * b[k * n + j];
        }
        maxErr = Math.max(maxErr, Math.abs(r - a[i * n + j]));
        maxOrth = Math.max(maxOrth, Math.abs(o - (i === j ? 1 : 0)));
      }
    }
    expect(maxErr).toBeLessThan(1e-10);
    expect(maxOrth).toBeLessThan(1e-12);
    expect(Math.min(...values)).toBeGreaterThan(0);
  });

  it('diagonal input gives the diagonal back', () => {
    const { values } = symmetricEigen(Float64Array.from([3, 0, 0, 0, 1, 0, 0, 0, 2]), 3);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });

  it('rejects a wrongly sized matrix', () => {
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(/expected 4 entries for n=2, got 5/);
  });
});
