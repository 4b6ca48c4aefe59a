import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { symmetricEigenQl } from './householder-ql.js';
import { symmetricEigen } from './jacobi.js';

/** G Gᵀ for a seeded Gaussian G: symmetric positive definite, like a covariance. */
function covariance(n: number, seed: number): Float64Array {
  const g = Rng.fromSeed(seed).fillNormal(new Float64Array(n * n));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += g[i * n + k] * g[j * n + k];
  return a;
}

// The two eigensolvers CMA-ES can use (Jacobi rotations; Householder tridiagonalisation + QL), held to one contract.
describe.each([
  { name: 'symmetricEigen (Jacobi)', eigen: symmetricEigen, diagonal: [3, 1, 2] },
  { name: 'symmetricEigenQl (Householder + QL)', eigen: symmetricEigenQl, diagonal: [1, 2, 3] },
])('$name', ({ eigen, diagonal }) => {
  it.each([1, 2, 12, 40])('n = %i: reconstructs a random covariance with orthonormal eigenvectors', (n) => {
    const a = covariance(n, n);
    const { values, vectors: b } = eigen(a, n);
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
    expect(maxErr / Math.max(...values)).toBeLessThan(1e-12);
    expect(maxOrth).toBeLessThan(1e-12);
    expect(Math.min(...values)).toBeGreaterThan(0);
  });

  it('gives a diagonal matrix its diagonal back', () => {
    expect(Array.from(eigen(Float64Array.from([3, 0, 0, 0, 1, 0, 0, 0, 2]), 3).values)).toEqual(diagonal);
  });

  it('rejects a wrongly sized matrix', () => {
    expect(() => eigen(new Float64Array(5), 2)).toThrow(/expected 4 entries for n=2, got 5/);
  });
});

describe('symmetricEigenQl', () => {
  it.each([1, 2, 12, 40])('n = %i: eigenvalues ascending and equal to Jacobi’s', (n) => {
    const a = covariance(n, n);
    const { values } = symmetricEigenQl(a, n);
    const scale = Math.max(...values);
    const jacobi = Array.from(symmetricEigen(a, n).values).sort((x, y) => x - y);
    jacobi.forEach((v, i) => expect(Math.abs(v - values[i]) / scale).toBeLessThan(1e-12));
    for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  });

  it('handles an ill-conditioned (1e12) matrix', () => {
    expect(Array.from(symmetricEigenQl(Float64Array.from([1e-6, 0, 0, 1e6]), 2).values)).toEqual([1e-6, 1e6]);
  });
});
