import { Rng, Tensor, fromArray, gradCheck, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { RlError } from '../errors.js';
import { categorical } from './categorical.js';
import { diagonalGaussian } from './diagonal-gaussian.js';
import { sampleExplorationMatrices, stateDependentGaussian } from './state-dependent-gaussian.js';

const rows = (t: Tensor): number[] => Array.from(t.data);

describe('categorical', () => {
  const logits = fromArray([
    [0, Math.log(3)],
    [1, 2],
    [-3, 0.5],
  ]);

  it('log-probabilities and entropies match the closed form', () => {
    const d = categorical(logits);
    // Row 0: p = [1/4, 3/4]; row 1: p ∝ [e, e²]; row 2: p ∝ [e⁻³, e^0.5].
    const p = [
      [0.25, 0.75],
      [Math.E / (Math.E + Math.E ** 2), Math.E ** 2 / (Math.E + Math.E ** 2)],
      [Math.exp(-3) / (Math.exp(-3) + Math.exp(0.5)), Math.exp(0.5) / (Math.exp(-3) + Math.exp(0.5))],
    ];
    const logp = rows(d.logProb(Float32Array.from([1, 0, 1])));
    expect(logp[0]).toBeCloseTo(Math.log(0.75), 6);
    expect(logp[1]).toBeCloseTo(Math.log(p[1][0]), 6);
    expect(logp[2]).toBeCloseTo(Math.log(p[2][1]), 6);
    const h = rows(d.entropy());
    p.forEach((row, r) => expect(h[r]).toBeCloseTo(-row.reduce((s, q) => s + q * Math.log(q), 0), 6));
    expect(Array.from(d.mode())).toEqual([1, 1, 1]);
  });

  it('samples each action with its probability (seeded)', () => {
    const d = categorical(fromArray([[0, Math.log(3)]]));
    const rng = Rng.fromSeed(4);
    let ones = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) ones += d.sample(rng)[0];
    // 3/4 of draws are action 1; 4 standard errors of a binomial proportion.
    expect(Math.abs(ones / n - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / n));
    expect(Array.from(d.sample(Rng.fromSeed(9)))).toEqual(Array.from(d.sample(Rng.fromSeed(9))));
  });

  it('log-probability and entropy gradients agree with finite differences', () => {
    const x = randn([4, 3], Rng.fromSeed(1));
    const actions = Float32Array.from([0, 2, 1, 2]);
    expect(gradCheck((l) => categorical(l).logProb(actions), [x]).ok).toBe(true);
    expect(gradCheck((l) => categorical(l).entropy(), [x]).ok).toBe(true);
  });

  it('refuses actions out of range and logits of the wrong rank, naming both', () => {
    expect(() => categorical(logits).logProb(Float32Array.from([0, 2, 1]))).toThrow(/action indices in 0..1, got 2 at row 1/);
    expect(() => categorical(logits).logProb(Float32Array.from([0]))).toThrow(RlError);
    expect(() => categorical(fromArray([1, 2]))).toThrow(/logits of shape \[rows, actions\], got shape \[2\]/);
  });
});

describe('diagonalGaussian', () => {
  it('log-probabilities and entropies match the closed form', () => {
    const mean = fromArray([
      [0, 1],
      [2, -1],
    ]);
    const logStd = fromArray([0, Math.log(2)]);
    const d = diagonalGaussian(mean, logStd);
    const a = Float32Array.from([1, 1, 2, 3]);
    const normal = (x: number, m: number, s: number) => -0.5 * ((x - m) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    const logp = rows(d.logProb(a));
    expect(logp[0]).toBeCloseTo(normal(1, 0, 1) + normal(1, 1, 2), 5);
    expect(logp[1]).toBeCloseTo(normal(2, 2, 1) + normal(3, -1, 2), 5);
    const h = 0.5 * Math.log(2 * Math.PI * Math.E) * 2 + Math.log(2);
    expect(rows(d.entropy())).toEqual([expect.closeTo(h, 5), expect.closeTo(h, 5)]);
    expect(Array.from(d.mode())).toEqual([0, 1, 2, -1]);
  });

  it('samples with the mean and standard deviation it was given (seeded)', () => {
    const d = diagonalGaussian(fromArray([[1, -2]]), fromArray([Math.log(0.5), Math.log(3)]));
    const rng = Rng.fromSeed(2);
    const n = 20_000;
    const s = [0, 0];
    const s2 = [0, 0];
    for (let i = 0; i < n; i++) {
      const x = d.sample(rng);
      for (let j = 0; j < 2; j++) {
        s[j] += x[j];
        s2[j] += x[j] * x[j];
      }
    }
    const m = s.map((v) => v / n);
    const sd = s2.map((v, j) => Math.sqrt(v / n - m[j] * m[j]));
    expect(m[0]).toBeCloseTo(1, 1);
    expect(m[1]).toBeCloseTo(-2, 1);
    expect(sd[0]).toBeCloseTo(0.5, 1);
    expect(sd[1]).toBeCloseTo(3, 1);
  });

  it('log-probability and entropy gradients (mean and log σ) agree with finite differences', () => {
    const rng = Rng.fromSeed(3);
    const mean = randn([3, 2], rng.fork('mean'));
    const logStd = new Tensor(Float32Array.from([-0.3, 0.2]), [2]);
    const actions = randn([3, 2], rng.fork('actions')).data;
    expect(gradCheck((m, s) => diagonalGaussian(m, s).logProb(actions), [mean, logStd]).ok).toBe(true);
    expect(gradCheck((m, s) => diagonalGaussian(m, s).entropy(), [mean, logStd], { wrt: [1] }).ok).toBe(true);
  });

  it('refuses a log σ of the wrong size and actions of the wrong length', () => {
    expect(() => diagonalGaussian(fromArray([[0, 1]]), fromArray([0]))).toThrow(/log standard deviation of shape \[2\], got shape \[1\]/);
    expect(() => diagonalGaussian(fromArray([[0, 1]]), fromArray([0, 0])).logProb(Float32Array.from([1]))).toThrow(/2 action values/);
  });
});

describe('stateDependentGaussian (gSDE)', () => {
  // Two rows, latent size 3, two action dimensions.
  const z = [
    [0.5, -1, 0.25],
    [0, 2, -0.5],
  ];
  const mu = [
    [0.1, -0.2],
    [1, 0],
  ];
  const logS = [
    [0, Math.log(2)],
    [Math.log(0.5), 0],
    [Math.log(3), Math.log(0.1)],
  ];
  // Written out: σ̂_rj = √(Σᵢ z_ri² σ_ij² + 1e-6).
  const sigma = (r: number, j: number) => Math.sqrt(z[r].reduce((s, zi, i) => s + zi * zi * Math.exp(2 * logS[i][j]), 0) + 1e-6);

  it('log-probabilities and entropies are those of N(μ, σ̂²) with σ̂² = z²·σ²', () => {
    const d = stateDependentGaussian(fromArray(mu), fromArray(logS), fromArray(z));
    const a = Float32Array.from([0.3, 0.4, -1, 2]);
    const normal = (x: number, m: number, s: number) => -0.5 * ((x - m) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    const logp = rows(d.logProb(a));
    for (let r = 0; r < 2; r++)
      expect(logp[r]).toBeCloseTo(normal(a[2 * r], mu[r][0], sigma(r, 0)) + normal(a[2 * r + 1], mu[r][1], sigma(r, 1)), 4);
    const h = rows(d.entropy());
    for (let r = 0; r < 2; r++) expect(h[r]).toBeCloseTo(Math.log(sigma(r, 0)) + Math.log(sigma(r, 1)) + Math.log(2 * Math.PI * Math.E), 4);
  });

  it('explores with μ + z·E, and E ~ N(0, σ²) makes those actions N(μ, σ̂²) (seeded)', () => {
    const logStd = fromArray(logS);
    const d = stateDependentGaussian(fromArray(mu), logStd, fromArray(z));
    const e = Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => (i % 5) - 2);
    const a = d.explore(e);
    for (let r = 0; r < 2; r++)
      for (let j = 0; j < 2; j++)
        expect(a[r * 2 + j]).toBeCloseTo(mu[r][j] + z[r].reduce((s, zi, i) => s + zi * e[(r * 3 + i) * 2 + j], 0), 5);
    const rng = Rng.fromSeed(5);
    const n = 20_000;
    const s = [0, 0];
    const s2 = [0, 0];
    for (let k = 0; k < n; k++) {
      const x = d.explore(sampleExplorationMatrices(logStd, 2, rng));
      for (let j = 0; j < 2; j++) {
        s[j] += x[2 + j];
        s2[j] += x[2 + j] ** 2;
      }
    }
    for (let j = 0; j < 2; j++) {
      const m = s[j] / n;
      expect(m).toBeCloseTo(mu[1][j], 1);
      expect(Math.sqrt(s2[j] / n - m * m) / sigma(1, j)).toBeCloseTo(1, 1);
    }
  });

  it('log-probability and entropy gradients (mean and log σ) agree with finite differences', () => {
    const rng = Rng.fromSeed(6);
    const mean = randn([3, 2], rng.fork('mean'));
    const logStd = new Tensor(Float32Array.from([-0.3, 0.2, 0.1, -0.5]), [2, 2]);
    const latent = randn([3, 2], rng.fork('latent'));
    const actions = randn([3, 2], rng.fork('actions')).data;
    expect(gradCheck((m, s) => stateDependentGaussian(m, s, latent).logProb(actions), [mean, logStd]).ok).toBe(true);
    expect(gradCheck((m, s) => stateDependentGaussian(m, s, latent).entropy(), [mean, logStd], { wrt: [1] }).ok).toBe(true);
  });

  it('refuses a log σ that does not match the latent size and the action dimension', () => {
    expect(() => stateDependentGaussian(fromArray(mu), fromArray([[0, 0]]), fromArray(z))).toThrow(
      /log standard deviation of shape \[3, 2\]/,
    );
  });
});
