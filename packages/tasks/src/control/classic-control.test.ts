import { vectorEnvironment } from '@evoprop/core';
import { describe, expect, it } from 'vitest';
import { createControlTask } from '../registry/registry.js';

/**
 * Each environment's step trace against its equations written out here again, independently
 * of the implementation (as Gymnasium's source states them, in a different arrangement), for a
 * fixed sequence of actions from a seeded start.
 */

type Trace = { observations: number[][]; rewards: number[]; terminated: boolean[]; truncated: boolean[] };

function trace(
  id: string,
  actions: readonly number[],
  seed = 3,
  options: Record<string, unknown> = {},
): { start: Float32Array; run: Trace } {
  const task = createControlTask(id, 0, options);
  const env = task.createEnvironment();
  const start = env.reset(seed);
  const run: Trace = { observations: [], rewards: [], terminated: [], truncated: [] };
  for (const a of actions) {
    const r = env.step(task.actionKind === 'discrete' ? a : Float32Array.of(a));
    run.observations.push(Array.from(r.observation));
    run.rewards.push(r.reward);
    run.terminated.push(r.terminated);
    run.truncated.push(r.truncated);
    if (r.done) break;
  }
  return { start, run };
}

function expectClose(actual: readonly number[], expected: readonly number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
}

describe('Acrobot-v1', () => {
  // Lagrangian dynamics as a 2×2 system M(θ)·θ̈ = rhs, solved by Cramer's rule (Spong 1995; Sutton & Barto's book form).
  function accelerations(t1: number, t2: number, w1: number, w2: number, tau: number): [number, number] {
    const m1 = 1;
    const m2 = 1;
    const l1 = 1;
    const lc1 = 0.5;
    const lc2 = 0.5;
    const I1 = 1;
    const I2 = 1;
    const g = 9.8;
    const m11 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * Math.cos(t2)) + I1 + I2;
    const m12 = m2 * (lc2 * lc2 + l1 * lc2 * Math.cos(t2)) + I2;
    const m22 = m2 * lc2 * lc2 + I2;
    const h1 = -m2 * l1 * lc2 * Math.sin(t2) * (w2 * w2 + 2 * w1 * w2);
    const h2 = m2 * l1 * lc2 * Math.sin(t2) * w1 * w1;
    const g2 = m2 * lc2 * g * Math.sin(t1 + t2); // cos(θ1 + θ2 − π/2)
    const g1 = (m1 * lc1 + m2 * l1) * g * Math.sin(t1) + g2;
    const r1 = -(h1 + g1);
    const r2 = tau - h2 - g2;
    const det = m11 * m22 - m12 * m12;
    return [(r1 * m22 - m12 * r2) / det, (m11 * r2 - m12 * r1) / det];
  }
  const f = (s: number[], tau: number): number[] => [s[2], s[3], ...accelerations(s[0], s[1], s[2], s[3], tau)];

  it('matches an RK4 step of dt = 0.2 of the Lagrangian equations, wrapped and clipped, for 120 actions', () => {
    const actions = Array.from({ length: 120 }, (_, t) => [2, 0, 2, 1, 0][t % 5] as number);
    const { start, run } = trace('acrobot', actions);
    let s = [Math.atan2(start[1], start[0]), Math.atan2(start[3], start[2]), start[4], start[5]];
    const dt = 0.2;
    const wrap = (x: number) => {
      let y = x;
      while (y > Math.PI) y -= 2 * Math.PI;
      while (y < -Math.PI) y += 2 * Math.PI;
      return y;
    };
    // The start observation is float32: continue from the environment's exact start by one reset-independent check per step.
    for (let t = 0; t < run.observations.length; t++) {
      const tau = [-1, 0, 1][actions[t]] as number;
      const k1 = f(s, tau);
      const k2 = f(
        s.map((v, i) => v + (dt / 2) * k1[i]),
        tau,
      );
      const k3 = f(
        s.map((v, i) => v + (dt / 2) * k2[i]),
        tau,
      );
      const k4 = f(
        s.map((v, i) => v + dt * k3[i]),
        tau,
      );
      s = s.map((v, i) => v + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
      s = [
        wrap(s[0]),
        wrap(s[1]),
        Math.min(Math.max(s[2], -4 * Math.PI), 4 * Math.PI),
        Math.min(Math.max(s[3], -9 * Math.PI), 9 * Math.PI),
      ];
      const o = run.observations[t];
      expectClose(o, [Math.cos(s[0]), Math.sin(s[0]), Math.cos(s[1]), Math.sin(s[1]), s[2], s[3]], 3);
      // Re-synchronise on the environment's observation (float32 rounding of the start grows chaotically).
      s = [Math.atan2(o[1], o[0]), Math.atan2(o[3], o[2]), o[4], o[5]];
      const up = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1;
      expect(run.terminated[t]).toBe(up);
      expect(run.rewards[t]).toBe(up ? 0 : -1);
    }
    expect(run.observations.length).toBe(120);
  });

  it('starts every variable in ±0.1 and swings up under a bang-bang policy within 500 steps (terminated, reward 0 at the end)', () => {
    const task = createControlTask('acrobot', 0);
    const env = task.createEnvironment();
    const o = env.reset(1);
    expect(Math.abs(Math.atan2(o[1], o[0]))).toBeLessThanOrEqual(0.1);
    expect(Math.abs(o[4])).toBeLessThanOrEqual(0.1);
    let obs = o;
    let steps = 0;
    let last = { reward: -1, terminated: false, truncated: false };
    // Torque against the first joint's velocity pumps energy in (reaches the goal in 76–113 steps from seeds 1–5).
    while (steps < 500) {
      const r = env.step(obs[4] > 0 ? 0 : 2);
      steps++;
      obs = r.observation;
      last = r;
      if (r.done) break;
    }
    expect(last.terminated).toBe(true);
    expect(last.reward).toBe(0);
    expect(steps).toBe(88);
  });
});

describe('MountainCar-v0', () => {
  it('matches the written-out update (velocity += (a−1)·0.001 − 0.0025·cos 3x, clipped; x += v, clipped; stopped at the wall)', () => {
    const actions = Array.from({ length: 200 }, (_, t) => (t < 30 ? 0 : t < 80 ? 2 : t < 110 ? 0 : 2));
    const { start, run } = trace('mountain-car', actions, 5);
    expect(start[0]).toBeGreaterThanOrEqual(-0.6);
    expect(start[0]).toBeLessThanOrEqual(-0.4);
    expect(start[1]).toBe(0);
    let x = start[0];
    let v = 0;
    let hitWall = false;
    for (let t = 0; t < run.observations.length; t++) {
      v = Math.max(-0.07, Math.min(0.07, v + (actions[t] - 1) * 0.001 - 0.0025 * Math.cos(3 * x)));
      x = Math.max(-1.2, Math.min(0.6, x + v));
      if (x === -1.2 && v < 0) {
        v = 0;
        hitWall = true;
      }
      expectClose(run.observations[t], [x, v], 5);
      x = run.observations[t][0];
      v = run.observations[t][1];
      expect(run.rewards[t]).toBe(-1);
      expect(run.terminated[t]).toBe(x >= 0.5 && v >= 0);
    }
    expect(hitWall || run.terminated.at(-1) || run.truncated.at(-1)).toBe(true);
  });

  it('is truncated at 200 steps when the goal is not reached', () => {
    const { run } = trace('mountain-car', new Array(250).fill(1));
    expect(run.rewards.length).toBe(200);
    expect(run.truncated.at(-1)).toBe(true);
    expect(run.terminated.at(-1)).toBe(false);
  });
});

describe('MountainCarContinuous-v0', () => {
  it('matches the written-out update and reward (100 at x ≥ 0.45, minus 0.1·a² with a unclipped)', () => {
    // Rock back, then full throttle; one action beyond the limit (clipped in the dynamics, not in the cost).
    const actions = Array.from({ length: 300 }, (_, t) => (t < 40 ? -1 : t === 41 ? 1.5 : 1));
    const { start, run } = trace('mountain-car-continuous', actions, 2);
    let x = start[0];
    let v = 0;
    for (let t = 0; t < run.observations.length; t++) {
      const force = Math.max(-1, Math.min(1, actions[t]));
      v = Math.max(-0.07, Math.min(0.07, v + force * 0.0015 - 0.0025 * Math.cos(3 * x)));
      x = Math.max(-1.2, Math.min(0.6, x + v));
      if (x === -1.2 && v < 0) v = 0;
      expectClose(run.observations[t], [x, v], 5);
      x = run.observations[t][0];
      v = run.observations[t][1];
      const done = x >= 0.45 && v >= 0;
      expect(run.terminated[t]).toBe(done);
      expect(run.rewards[t]).toBeCloseTo((done ? 100 : 0) - 0.1 * Math.fround(actions[t]) ** 2, 6);
    }
    expect(run.terminated.at(-1)).toBe(true);
  });
});

describe('Pendulum-v1', () => {
  const normalize = (a: number) => {
    let y = (a + Math.PI) % (2 * Math.PI);
    if (y < 0) y += 2 * Math.PI;
    return y - Math.PI;
  };

  it('matches θ̇ ← clip(θ̇ + (3g/2l·sin θ + 3/(ml²)·u)·dt, ±8), θ ← θ + θ̇·dt, reward −(θ̂² + 0.1θ̇² + 0.001u²), u clipped to ±2', () => {
    const actions = Array.from({ length: 200 }, (_, t) => Math.sin(t / 7) * 3);
    const { start, run } = trace('pendulum', actions, 4);
    let theta = Math.atan2(start[1], start[0]);
    let omega = start[2];
    expect(Math.abs(omega)).toBeLessThanOrEqual(1);
    for (let t = 0; t < run.observations.length; t++) {
      const u = Math.max(-2, Math.min(2, Math.fround(actions[t])));
      const cost = normalize(theta) ** 2 + 0.1 * omega ** 2 + 0.001 * u ** 2;
      expect(run.rewards[t]).toBeCloseTo(-cost, 4);
      omega = Math.max(-8, Math.min(8, omega + ((3 * 10) / 2) * Math.sin(theta) * 0.05 + 3 * u * 0.05));
      theta += omega * 0.05;
      const o = run.observations[t];
      expectClose(o, [Math.cos(theta), Math.sin(theta), omega], 4);
      theta = Math.atan2(o[1], o[0]);
      omega = o[2];
      expect(run.terminated[t]).toBe(false);
    }
    expect(run.observations.length).toBe(200);
    expect(run.truncated.at(-1)).toBe(true);
  });
});

describe.each(['acrobot', 'mountain-car', 'mountain-car-continuous', 'pendulum'])('%s vectorised', (id) => {
  it('steps N environments (one typed array per state variable) exactly as N scalar environments', () => {
    const task = createControlTask(id, 1);
    const n = 5;
    const envs = vectorEnvironment(task, n);
    const seeds = [3, 1, 4, 1, 5];
    let obs: Float32Array = Float32Array.from(envs.reset(seeds));
    const scalars = seeds.map((s) => {
      const e = task.createEnvironment();
      return { e, obs: e.reset(s), done: false };
    });
    scalars.forEach((s, i) =>
      expect(Array.from(obs.subarray(i * task.observationSize, (i + 1) * task.observationSize))).toEqual(Array.from(s.obs)),
    );
    const active = new Uint8Array(n).fill(1);
    const actions = new Float32Array(n);
    for (let t = 0; t < 60; t++) {
      for (let i = 0; i < n; i++) actions[i] = task.actionKind === 'discrete' ? (t + i) % task.actionSize : Math.fround(Math.cos(t + i));
      const r = envs.step(actions, active);
      obs = r.observations;
      for (let i = 0; i < n; i++) {
        if (active[i] !== 1) continue;
        const s = scalars[i].e.step(task.actionKind === 'discrete' ? actions[i] : Float32Array.of(actions[i]));
        expect(Array.from(obs.subarray(i * task.observationSize, (i + 1) * task.observationSize))).toEqual(Array.from(s.observation));
        expect(r.rewards[i]).toBe(s.reward);
        if (s.done) active[i] = 0;
      }
    }
  });
});
