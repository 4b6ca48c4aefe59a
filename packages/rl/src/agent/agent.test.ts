import { mlp } from '@evoprop/core';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { shortCartPole } from '../testing-fixtures/tasks.js';
import { ActorCritic, orthogonalGains } from './actor-critic.js';
import { EpisodeStream } from './episode-stream.js';
import { foldObservationNormalizer } from './fold-normalizer.js';
import { initRewardScaler, scaleRewards } from './reward-scaler.js';
import { Agent } from './run-state.js';
import { initRunningStats, normalizeRows, updateRunningStats } from './running-stats.js';

describe('running observation statistics', () => {
  it('merging batches gives the mean and variance of all rows at once', () => {
    const rng = Rng.fromSeed(1);
    const rows = Array.from({ length: 50 }, () => [rng.normal(3, 2), rng.uniform(-1, 5)]);
    const stats = initRunningStats(2);
    for (const [a, b] of [
      [0, 7],
      [7, 30],
      [30, 50],
    ])
      updateRunningStats(stats, rows.slice(a, b).flat(), b - a);
    for (let j = 0; j < 2; j++) {
      const col = rows.map((r) => r[j]);
      const m = col.reduce((s, v) => s + v, 0) / col.length;
      const v = col.reduce((s, x) => s + (x - m) ** 2, 0) / col.length;
      // The ε = 1e-4 starting count (mean 0, variance 1) moves the result by about 1e-6.
      expect(stats.mean[j]).toBeCloseTo(m, 4);
      expect(stats.variance[j]).toBeCloseTo(v, 4);
    }
  });

  it('folding the normaliser into the first layer computes what the policy computes on normalised observations', () => {
    const rng = Rng.fromSeed(2);
    const policy = mlp({ inputSize: 3, hidden: [5], outputSize: 2 }, rng.fork('net'));
    const stats = initRunningStats(3);
    const data = Array.from({ length: 40 * 3 }, (_, i) => rng.normal(i % 3, 1 + (i % 3)));
    updateRunningStats(stats, data, 40);
    const raw = Float32Array.from(data.slice(0, 10 * 3));
    const normalised = normalizeRows(stats, raw, 10, new Float32Array(30));
    const folded = foldObservationNormalizer(policy, stats);
    const a = noGrad(() => policy.forward(new Tensor(normalised, [10, 3])).data);
    const b = noGrad(() => folded.forward(new Tensor(raw, [10, 3])).data);
    Array.from(a).forEach((v, i) => expect(b[i]).toBeCloseTo(v, 4));
    expect(Array.from(policy.params.vector)).not.toEqual(Array.from(folded.params.vector));
  });

  it('folding the clip in too: the returned model computes the policy on clipped normalised observations, far outside the clip as well', () => {
    const rng = Rng.fromSeed(3);
    const policy = mlp({ inputSize: 3, hidden: [6, 4], outputSize: 2, activation: 'tanh' }, rng.fork('net'));
    const stats = initRunningStats(3);
    updateRunningStats(
      stats,
      Array.from({ length: 60 * 3 }, (_, i) => rng.normal(i % 3, 0.1 + (i % 3))),
      60,
    );
    // Rows inside the clip, one 50 standard deviations out (clipped to +2), one −50 out (clipped to −2).
    const raw = Float32Array.from([0.1, 1.2, 1.5, 0.05, -0.7, 3.3, 5, 1, 2, -5, 1, 2]);
    for (const clip of [2, 1e9]) {
      const normalised = normalizeRows(stats, raw, 4, new Float32Array(12), clip);
      const folded = foldObservationNormalizer(policy, stats, clip);
      const a = noGrad(() => policy.forward(new Tensor(normalised, [4, 3])).data);
      const b = noGrad(() => folded.forward(new Tensor(raw, [4, 3])).data);
      Array.from(a).forEach((v, i) => expect(b[i], `clip ${clip}, output ${i}`).toBeCloseTo(v, 5));
      // The policy's own layers keep their names; the clip layer is frozen (not a learned part).
      expect(folded.params.names).toEqual(['observationClip.weight', 'observationClip.bias', ...policy.params.names]);
      expect(Array.from(folded.params.trainableMask().subarray(0, 3 * 12 + 12)).every((m) => m === 0)).toBe(true);
    }
    // Unclipped (the affine fold alone) the far rows differ: the clip is what the fold adds.
    const far = noGrad(() => foldObservationNormalizer(policy, stats).forward(new Tensor(raw.subarray(6), [2, 3])).data);
    const clipped = noGrad(() => foldObservationNormalizer(policy, stats, 2).forward(new Tensor(raw.subarray(6), [2, 3])).data);
    expect(Math.abs(far[0] - clipped[0]) + Math.abs(far[2] - clipped[2])).toBeGreaterThan(1e-3);
  });

  it("the agent's returned policy is the trained policy on raw observations, its clip included", () => {
    const task = shortCartPole();
    const agent = new Agent(task, { hidden: [4], activation: 'tanh', logStdInit: 0 }, 3, Rng.fromSeed(1));
    const rng = Rng.fromSeed(6);
    agent.observe(
      Float32Array.from({ length: 100 * 4 }, () => rng.normal(0, 0.2)),
      100,
      true,
    );
    const raw = Float32Array.from([0.1, -0.1, 0.02, 0.3, 4, -4, 0, 0]);
    const seen = agent.observe(raw, 2, false);
    const a = noGrad(() => agent.net.policy.forward(new Tensor(seen, [2, 4])).data);
    const b = noGrad(() => agent.returnedPolicy().forward(new Tensor(raw, [2, 4])).data);
    Array.from(a).forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
  });
});

describe('observation clipping (VecNormalize clip_obs)', () => {
  it('clips normalised observations to ±10 by default, as SB3 clip_obs = 10', () => {
    const task = shortCartPole();
    const agent = new Agent(task, { hidden: [4], activation: 'tanh', logStdInit: 0 }, 10, Rng.fromSeed(1));
    // Statistics from rows near 0 (std ≈ 0.1), then a row 1,000 standard deviations out: (x − μ)/σ ≈ ±1,000 unclipped.
    const rng = Rng.fromSeed(5);
    agent.observe(
      Float32Array.from({ length: 200 * 4 }, () => rng.normal(0, 0.1)),
      200,
      true,
    );
    const stats = agent.stats;
    if (stats === null) throw new Error('expected statistics');
    const out = agent.observe(Float32Array.from([100, -100, 0.01, -0.02]), 1, false);
    expect(Array.from(out.subarray(0, 2))).toEqual([10, -10]);
    for (const j of [2, 3]) expect(out[j]).toBeCloseTo(([0.01, -0.02][j - 2] - stats.mean[j]) / Math.sqrt(stats.variance[j] + 1e-8), 4);
  });

  it("is the PPO and REINFORCE default (clipObservations 10) and reaches the agent's observations", async () => {
    const { parsePpoConfig } = await import('../ppo/config.js');
    const { parseReinforceConfig } = await import('../reinforce/config.js');
    expect(parsePpoConfig({}).clipObservations).toBe(10);
    expect(parseReinforceConfig({}).clipObservations).toBe(10);
    const agent = new Agent(shortCartPole(), { hidden: [4], activation: 'tanh', logStdInit: 0 }, 2, Rng.fromSeed(1));
    agent.observe(Float32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2, true);
    expect(Math.max(...agent.observe(Float32Array.from([50, 50, 50, 50]), 1, false))).toBe(2);
  });
});

describe('orthogonal initialisation (SB3 ortho_init)', () => {
  /** Gram matrix of the shorter side of a [rows, cols] weight: WᵀW (rows ≥ cols) or WWᵀ. */
  const gram = (v: Float32Array, rows: number, cols: number): number[][] => {
    const n = Math.min(rows, cols);
    const at = (i: number, j: number) => (rows >= cols ? v[i * cols + j] : v[j * cols + i]); // column j of the tall view
    const len = Math.max(rows, cols);
    return Array.from({ length: n }, (_, a) =>
      Array.from({ length: n }, (_, b) => {
        let s = 0;
        for (let i = 0; i < len; i++) s += at(i, a) * at(i, b);
        return s;
      }),
    );
  };

  it('hidden weights are orthogonal with gain √2, the policy head 0.01, the value head 1, biases 0', () => {
    const net = new ActorCritic(
      { observationSize: 4, actionSize: 2, actionKind: 'discrete', hidden: [16, 8], activation: 'tanh', logStdInit: 0 },
      Rng.fromSeed(4),
    );
    for (const [model, head] of [
      [net.policy, orthogonalGains.policyHead],
      [net.critic, orthogonalGains.valueHead],
    ] as const) {
      const entries = model.params.entries;
      const weights = entries.filter((e) => e.shape.length === 2);
      expect(weights.length).toBe(3);
      for (const e of entries) {
        const v = model.params.vector.subarray(e.offset, e.offset + e.size);
        if (e.shape.length === 1) {
          expect(Array.from(v).every((x) => x === 0)).toBe(true);
          continue;
        }
        const gain = e === weights.at(-1) ? head : Math.SQRT2;
        const g = gram(v, e.shape[0], e.shape[1]);
        g.forEach((row, a) => row.forEach((x, b) => expect(x).toBeCloseTo(a === b ? gain * gain : 0, 5)));
      }
    }
  });

  it('orthoInit false keeps the MLP init (hidden weights not orthogonal), with the policy head scaled by 0.01', () => {
    const net = new ActorCritic(
      { observationSize: 4, actionSize: 2, actionKind: 'discrete', hidden: [16], activation: 'tanh', logStdInit: 0, orthoInit: false },
      Rng.fromSeed(4),
    );
    const [w] = net.policy.params.entries;
    const g = gram(net.policy.params.vector.subarray(w.offset, w.offset + w.size), 4, 16);
    expect(Math.abs(g[0][0] - 2)).toBeGreaterThan(0.05);
  });
});

describe('reward scaling (VecNormalize norm_reward)', () => {
  it('divides each reward by the standard deviation of every discounted return so far, clips at ±10, restarts returns at episode ends', () => {
    const gamma = 0.9;
    // Two environments, four steps; environment 0's episode ends after step 1.
    const steps = [
      [1, -2],
      [3, 0.5],
      [-1, 4],
      [0.25, 100],
    ];
    const ends = [
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 0],
    ];
    const scaler = initRewardScaler(2);
    const g = [0, 0];
    const seen: number[] = [];
    for (let t = 0; t < steps.length; t++) {
      const rewards = Float64Array.from(steps[t]);
      scaleRewards(scaler, rewards, ends[t], gamma);
      // Written out: G ← γG + r per environment; the scale is the population std of every G so far
      // (the ε = 1e-4 starting count of mean 0 and variance 1 moves it by about 1e-4).
      for (let i = 0; i < 2; i++) g[i] = gamma * g[i] + steps[t][i];
      seen.push(g[0], g[1]);
      const m = seen.reduce((a, b) => a + b, 0) / seen.length;
      const std = Math.sqrt(seen.reduce((a, b) => a + (b - m) ** 2, 0) / seen.length);
      for (let i = 0; i < 2; i++) {
        expect(rewards[i]).toBeCloseTo(Math.max(-10, Math.min(10, steps[t][i] / std)), 3);
        if (ends[t][i] === 1) g[i] = 0;
      }
    }
    expect(scaler.returns[0]).toBeCloseTo(gamma * -1 + 0.25, 12);
  });
});

describe('gSDE latent features', () => {
  it("are the policy's last hidden activations: the output layer applied to them gives the policy's output", () => {
    const net = new ActorCritic(
      { observationSize: 3, actionSize: 2, actionKind: 'continuous', hidden: [5, 4], activation: 'tanh', logStdInit: 0, useSde: true },
      Rng.fromSeed(3),
    );
    expect(net.logStd?.shape).toEqual([4, 2]);
    const x = new Tensor(
      Float32Array.from({ length: 6 * 3 }, (_, i) => Math.sin(i)),
      [6, 3],
    );
    const z = net.latent(x).data;
    const out = noGrad(() => net.policy.forward(x)).data;
    const [w, b] = net.policy.params.entries.slice(-2);
    const v = net.policy.params.vector;
    for (let r = 0; r < 6; r++)
      for (let j = 0; j < 2; j++) {
        let y = v[b.offset + j];
        for (let i = 0; i < 4; i++) y += z[r * 4 + i] * v[w.offset + i * 2 + j];
        expect(out[r * 2 + j]).toBeCloseTo(y, 5);
      }
  });
});

describe('EpisodeStream', () => {
  it('restarts ended episodes from the next seeds, and a restored stream steps on from the same states', () => {
    const task = shortCartPole();
    const stream = new EpisodeStream(task, 3, 100);
    const actions = Float32Array.from([1, 0, 1]);
    let ended = 0;
    for (let t = 0; t < 40; t++) {
      const r = stream.step(actions);
      for (let i = 0; i < 3; i++) ended += r.terminated[i] + r.truncated[i];
      actions[t % 3] = 1 - actions[t % 3];
    }
    expect(ended).toBeGreaterThan(0);
    expect(stream.finishedCount).toBe(ended);
    const saved = JSON.parse(JSON.stringify(stream.snapshot()));
    const copy = new EpisodeStream(task, 3, 100, saved);
    expect(Array.from(copy.observations)).toEqual(Array.from(stream.observations));
    for (let t = 0; t < 30; t++) {
      const a = stream.step(actions);
      const b = copy.step(actions);
      expect(Array.from(b.rewards)).toEqual(Array.from(a.rewards));
      expect(Array.from(copy.observations)).toEqual(Array.from(stream.observations));
      actions[(t + 1) % 3] = 1 - actions[(t + 1) % 3];
    }
    expect(copy.recentReturn()).toBe(stream.recentReturn());
  });
});
