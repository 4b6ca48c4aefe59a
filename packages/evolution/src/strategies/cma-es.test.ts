import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { minimize } from '../minimize.js';
import { rosenbrock, sphere } from '../testing-fixtures/objectives.js';
import { cmaEs, lazyEigenInterval } from './cma-es.js';
import { cmaConstants, defaultPopulationSize } from './cma-weights.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

/** Evaluations until f < 1e-8, counted in whole generations as pycma does. */
function evaluationsToTarget(f: (x: Float64Array) => number, x0: number, sigma: number, seed: number): number {
  const state = minimize(cmaEs, { mean: new Array(10).fill(x0), sigma, stop: { targetFitness: 1e-8, evaluations: 50_000 } }, f, {
    rng: Rng.fromSeed(seed),
  });
  expect(state.stop).toBe('targetFitness');
  return state.evaluations;
}

describe('cmaEs', () => {
  it('uses the tutorial defaults (n = 10: λ = 10, μ = 5, μ_eff ≈ 3.17 as in pycma)', () => {
    const k = cmaConstants(10, 10, 5, true);
    expect(k.mueff).toBeCloseTo(3.1673, 3);
    expect(k.weights.slice(0, 5).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(k.weights[5]).toBeLessThan(0);
    expect(k.weights[9]).toBeLessThan(0);
    expect(k.cs).toBeCloseTo((3.1672 + 2) / (10 + 3.1672 + 5), 4);
    const passive = cmaConstants(10, 10, 5, false);
    expect(Array.from(passive.weights.slice(5)).every((w) => w === 0)).toBe(true);
  });

  // Reference: pycma (default λ = 10) needs ≈ 1,380 evaluations on 10-D sphere and ≈ 4,870 on 10-D Rosenbrock.
  it('10-D sphere from all-ones, σ0 = 1: median ≤ 1,500 evaluations to f < 1e-8 over 10 seeds', () => {
    const evals = Array.from({ length: 10 }, (_, seed) => evaluationsToTarget(sphere, 1, 1, seed));
    expect(median(evals)).toBeLessThanOrEqual(1500);
    expect(median(evals)).toBeGreaterThan(900); // much faster than pycma would mean the count is wrong
  });

  it('10-D Rosenbrock from all-0.1, σ0 = 0.3: median ≤ 5,500 evaluations to f < 1e-8 over 10 seeds', () => {
    const evals = Array.from({ length: 10 }, (_, seed) => evaluationsToTarget(rosenbrock, 0.1, 0.3, seed));
    expect(median(evals)).toBeLessThanOrEqual(5500);
  });

  it('learns the shape of an ill-conditioned ellipsoid (the covariance update works, not just σ)', () => {
    const n = 8;
    const ellipsoid = (x: Float64Array) => x.reduce((s, v, i) => s + 10 ** ((6 * i) / (n - 1)) * v * v, 0);
    const state = minimize(cmaEs, { mean: new Array(n).fill(1), sigma: 1, stop: { targetFitness: 1e-8, evaluations: 30_000 } }, ellipsoid, {
      rng: Rng.fromSeed(1),
    });
    expect(state.stop).toBe('targetFitness');
    // Eigenvalues of C span about the 1e6 conditioning of the Hessian.
    const ratio = (Math.max(...state.D) / Math.min(...state.D)) ** 2;
    expect(ratio).toBeGreaterThan(1e4);
  });

  it('stops on tolFun at a flat optimum and on evaluations', () => {
    const flat = minimize(cmaEs, { mean: [1, 2, 3], sigma: 0.5 }, (x) => Math.round(sphere(x) * 1e3) / 1e3, {
      rng: Rng.fromSeed(0),
      generations: 5000,
    });
    expect(['tolFun', 'tolX']).toContain(flat.stop);
    const capped = minimize(cmaEs, { mean: [1, 2, 3], sigma: 0.5, stop: { evaluations: 70 } }, sphere, { rng: Rng.fromSeed(0) });
    expect(capped.stop).toBe('evaluations');
    expect(capped.evaluations).toBe(70);
  });

  it('decomposes lazily at pycma’s gap: every ⌈1/(10 n (c1+cμ))⌉ generations (1 at n = 10, 3 at n = 200, 9 at n = 1,000)', () => {
    const interval = (n: number) => {
      const lambda = defaultPopulationSize(n);
      return lazyEigenInterval(n, cmaConstants(n, lambda, Math.floor(lambda / 2), true));
    };
    expect([10, 80, 100, 200, 1000].map(interval)).toEqual([1, 1, 2, 3, 9]);
    expect(cmaEs.init(new Array(200).fill(0), { sigma: 1 }, Rng.fromSeed(0)).eigenEvery).toBe(3);
  });

  it('charges the n³ eigendecomposition only in the generations that compute it', () => {
    const n = 6;
    let state = cmaEs.init(new Array(n).fill(1), { sigma: 0.5, eigenEvery: 3 }, Rng.fromSeed(4));
    const lambda = state.constants.lambda;
    let total = 0;
    const decomposed: boolean[] = [];
    for (let g = 0; g < 9; g++) {
      const charged = cmaEs.flopsPerGeneration(n, lambda, state);
      const asked = cmaEs.ask(state);
      const next = cmaEs.tell(asked.state, asked.candidates, asked.candidates.map(sphere));
      decomposed.push(next.B !== state.B);
      expect(charged).toBe(4 * lambda * n * n + (next.B !== state.B ? n ** 3 : 0));
      total += charged;
      state = next;
    }
    expect(decomposed).toEqual([false, false, true, false, false, true, false, false, true]);
    expect(total).toBe(9 * 4 * lambda * n * n + 3 * n ** 3); // every generation charging n³ would be 9 n³
    // Without a state: the upper bound of a generation that decomposes.
    expect(cmaEs.flopsPerGeneration(n, lambda)).toBe(4 * lambda * n * n + n ** 3);
  });

  it('rejects a non-positive sigma, naming the field', () => {
    expect(() => cmaEs.init({ mean: [0, 0], sigma: -1 }, Rng.fromSeed(0))).toThrow(/sigma/);
    expect(() => cmaEs.init({ mean: [0, Number.NaN], sigma: 1 }, Rng.fromSeed(0))).toThrow(/mean/);
  });
});
