import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { minimize } from '../minimize.js';
import { sepCmaEs } from './sep-cma-es.js';

describe('sepCmaEs', () => {
  it('solves a 100-D separable ellipsoid (condition 1e4) by learning the diagonal', () => {
    const n = 100;
    const w = Float64Array.from({ length: n }, (_, i) => 10 ** ((4 * i) / (n - 1)));
    const ellipsoid = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * x[i] * x[i];
      return s;
    };
    const state = minimize(
      sepCmaEs,
      { mean: new Array(n).fill(1), sigma: 1, stop: { targetFitness: 1e-6, evaluations: 40_000 } },
      ellipsoid,
      { rng: Rng.fromSeed(0) },
    );
    expect(state.stop).toBe('targetFitness');
    // The learned variances follow the inverse curvatures: C₀/C₉₉ near the 1e4 conditioning.
    expect(state.C[0] / state.C[n - 1]).toBeGreaterThan(1e3);
    // Learning rates scaled by (n + 2)/3 (Ros & Hansen 2008, eq. 8).
    const k = state.constants;
    expect(k.c1).toBeCloseTo(((n + 2) / 3) * (2 / ((n + 1.3) ** 2 + k.mueff)), 12);
  });
});
