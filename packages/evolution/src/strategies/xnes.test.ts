import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../linalg/jacobi.js';
import { minimize } from '../minimize.js';
import { snes } from './snes.js';
import { xnes } from './xnes.js';

const n = 5;
// A fixed rotation: the eigenvectors of a random symmetric matrix.
const g = Rng.fromSeed(11).fillNormal(new Float64Array(n * n));
const R = symmetricEigen(
  g.map((_, k) => g[k] + g[(k % n) * n + Math.floor(k / n)]),
  n,
).vectors;
/** Rotated ellipsoid, condition 1e3: not separable, so a diagonal search distribution is slow. */
const rotated = (x: Float64Array): number => {
  let f = 0;
  for (let i = 0; i < n; i++) {
    let y = 0;
    for (let k = 0; k < n; k++) y += R[k * n + i] * x[k];
    f += 10 ** ((3 * i) / (n - 1)) * y * y;
  }
  return f;
};

describe('xnes', () => {
  it('adapts a full covariance: solves a rotated ellipsoid that SNES cannot in the same budget', () => {
    const config = { mean: new Array(n).fill(1), sigma: 1, stop: { targetFitness: 1e-8, evaluations: 6000 } };
    const full = minimize(xnes, config, rotated, { rng: Rng.fromSeed(0) });
    const diagonal = minimize(snes, config, rotated, { rng: Rng.fromSeed(0) });
    expect(full.stop).toBe('targetFitness');
    expect(diagonal.bestFitness).toBeGreaterThan(1e-6);
  });

  it('keeps det B = 1 and Binv the inverse of B', () => {
    let state = xnes.init({ mean: new Array(n).fill(1), sigma: 1 }, Rng.fromSeed(1));
    for (let t = 0; t < 30; t++) {
      const a = xnes.ask(state);
      state = xnes.tell(a.state, a.candidates, a.candidates.map(rotated));
    }
    const { B, Binv } = state;
    let maxErr = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += B[i * n + k] * Binv[k * n + j];
        maxErr = Math.max(maxErr, Math.abs(s - (i === j ? 1 : 0)));
      }
    }
    expect(maxErr).toBeLessThan(1e-9);
    const bbt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) bbt[i * n + j] += B[i * n + k] * B[j * n + k];
    const logDet = Array.from(symmetricEigen(bbt, n).values).reduce((s, v) => s + Math.log(v), 0);
    expect(Math.abs(logDet)).toBeLessThan(1e-9);
  });
});
