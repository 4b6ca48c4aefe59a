import { EvolutionError } from '../errors.js';

/**
 * Eigendecomposition of a symmetric matrix by cyclic Jacobi rotations, in float64.
 * `a` is row-major n×n and is not modified. Returns eigenvalues and a row-major matrix
 * whose COLUMNS are the matching unit eigenvectors: a = B diag(values) Bᵀ.
 *
 * Jacobi is slower than QL for large n but simple and accurate to machine precision on
 * the small, well-conditioned covariance matrices CMA-ES produces (Golub & Van Loan §8.5).
 */
export function symmetricEigen(
  a: Float64Array,
  n: number,
): {
  /** The n eigenvalues (unsorted). */
  values: Float64Array;
  /** Row-major n×n matrix whose columns are the matching unit eigenvectors. */
  vectors: Float64Array;
} {
  if (a.length !== n * n) throw new EvolutionError('symmetricEigen', `${n * n} entries for n=${n}`, `${a.length}`);
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += m[p * n + p] * m[p * n + p];
      for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        // Numerically stable rotation angle (Numerical Recipes 3rd ed., §11.1, eq. 11.1.8–11.1.10).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i];
  return { values, vectors: v };
}
