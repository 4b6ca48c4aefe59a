import { describe, expect, it } from 'vitest';
import { generalizedAdvantages, standardize } from './gae.js';

// Two environments, three steps; rows are steps. Environment 1's episode ends at step 1.
const rewards = [1, 2, 0.5, 1, -1, 3];
const values = [0.2, 0.1, 0.4, 0.3, 0.6, 0.5];
const dones = [0, 0, 0, 1, 0, 0];
const lastValues = [0.7, 0.9];
const gamma = 0.9;

/** Σₗ (γλ)ˡ δₜ₊ₗ written out per environment, stopping at an episode's end. */
function reference(lambda: number): number[] {
  const out = new Array<number>(6);
  for (let i = 0; i < 2; i++) {
    for (let t = 0; t < 3; t++) {
      let a = 0;
      let weight = 1;
      for (let l = t; l < 3; l++) {
        const at = l * 2 + i;
        const nextValue = l === 2 ? lastValues[i] : values[(l + 1) * 2 + i];
        const delta = rewards[at] + gamma * nextValue * (1 - dones[at]) - values[at];
        a += weight * delta;
        if (dones[at] === 1) break;
        weight *= gamma * lambda;
      }
      out[t * 2 + i] = a;
    }
  }
  return out;
}

describe('generalizedAdvantages', () => {
  it.each([0, 0.8, 1])('λ = %s: the discounted sum of TD errors, cut at episode ends', (lambda) => {
    const { advantages, returns } = generalizedAdvantages({ rewards, values, dones, lastValues, steps: 3, envs: 2, gamma, lambda });
    const want = reference(lambda);
    want.forEach((a, j) => {
      expect(advantages[j]).toBeCloseTo(a, 5);
      expect(returns[j]).toBeCloseTo(a + values[j], 5);
    });
  });

  it('λ = 1 gives Monte-Carlo returns (bootstrapped at the rollout end) minus the baseline', () => {
    const { returns } = generalizedAdvantages({ rewards, values, dones, lastValues, steps: 3, envs: 2, gamma, lambda: 1 });
    // Environment 0 never ends: G₀ = 1 + 0.9·0.5 + 0.81·(−1) + 0.729·0.7.
    expect(returns[0]).toBeCloseTo(1 + 0.9 * 0.5 - 0.81 + 0.729 * 0.7, 5);
    // Environment 1 ends at step 1: G₀ = 2 + 0.9·1, nothing after.
    expect(returns[1]).toBeCloseTo(2 + 0.9, 5);
    expect(returns[3]).toBeCloseTo(1, 5);
  });
});

describe('standardize', () => {
  it('mean 0 and (unbiased) standard deviation 1', () => {
    const x = Float32Array.from([1, 2, 3, 4]);
    standardize(x);
    const sd = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3);
    expect(Array.from(x)).toEqual([-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd].map((v) => expect.closeTo(v, 5)));
  });
});
