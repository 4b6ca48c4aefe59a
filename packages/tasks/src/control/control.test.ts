import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../errors.js';
import { createControlTask } from '../registry/registry.js';
import { cartPoleStep } from './cart-pole.js';
import { type DoublePoleEnvironment, dampingFitness, doublePoleAction, generalisationStart } from './double-pole.js';
import { playEpisode } from './rollout.js';

/** A fixed, varied action sequence in [0, 1]. */
const actionAt = (t: number) => 0.5 + 0.5 * Math.sin(0.37 * t) * Math.cos(0.11 * t);

describe('cart-pole physics', () => {
  /**
   * Barto, Sutton & Anderson (1983), eqs. in the appendix, frictionless:
   *   θ̈ = [g sinθ + cosθ (−F − m l θ̇² sinθ)/(M + m)] / [l (4/3 − m cos²θ / (M + m))]
   *   ẍ = [F + m l (θ̇² sinθ − θ̈ cosθ)] / (M + m)
   * integrated with explicit Euler, 0.02 s.
   */
  function bartoEuler(s: number[], F: number): number[] {
    const [g, M, m, l, dt] = [9.8, 1.0, 0.1, 0.5, 0.02];
    const [x, v, th, w] = s;
    const thAcc =
      (g * Math.sin(th) + (Math.cos(th) * (-F - m * l * w * w * Math.sin(th))) / (M + m)) /
      (l * (4 / 3 - (m * Math.cos(th) ** 2) / (M + m)));
    const xAcc = (F + m * l * (w * w * Math.sin(th) - thAcc * Math.cos(th))) / (M + m);
    return [x + dt * v, v + dt * xAcc, th + dt * w, w + dt * thAcc];
  }

  it('matches an independent Euler integration of the Barto–Sutton equations for 200 steps', () => {
    const s = Float64Array.of(0.01, -0.02, 0.03, 0.01);
    let ref = Array.from(s);
    for (let t = 0; t < 200; t++) {
      const F = actionAt(t) > 0.5 ? 10 : -10;
      cartPoleStep(s, F);
      ref = bartoEuler(ref, F);
      for (let i = 0; i < 4; i++) expect(s[i]).toBeCloseTo(ref[i], 10);
    }
  });

  it('episodes: seeded starts in ±0.05, reward 1 per step, done past 12° or the track end, capped at maxSteps', () => {
    const task = createControlTask('cart-pole', 3);
    expect([task.observationSize, task.actionSize, task.actionKind, task.maxSteps]).toEqual([4, 2, 'discrete', 500]);
    const env = task.createEnvironment();
    const start = env.reset(7);
    for (const v of start) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
    expect(task.createEnvironment().reset(7)).toEqual(start);
    expect(env.reset(8)).not.toEqual(start);
    // Always pushing right topples the pole quickly.
    const pushRight = playEpisode(task, () => 1, 0);
    expect(pushRight.steps).toBeLessThan(60);
    expect(pushRight.return).toBe(pushRight.steps);
    // A simple angle-and-velocity controller balances until the cap.
    const capped = createControlTask('cart-pole', 3, { maxSteps: 200 });
    expect(playEpisode(capped, (o) => (o[2] + 0.5 * o[3] > 0 ? 1 : 0), 0).steps).toBe(200);
  });

  it('bad use fails clearly', () => {
    const env = createControlTask('cart-pole', 1).createEnvironment();
    expect(() => env.step(0)).toThrow(/reset\(seed\) before step\(\)/);
    env.reset(0);
    expect(() => env.step(2)).toThrow(EnvironmentError);
    expect(() => env.step(2)).toThrow(/expected a discrete action 0 \(push left\) or 1 \(push right\), got 2/);
  });
});

describe('double pole physics', () => {
  /**
   * Wieland's equations (Wieland 1991; Gomez & Miikkulainen 1999, eqs. 1–3), written out
   * independently: for pole i with half-length l_i, mass m_i and pivot friction μ,
   *   F̃_i = m_i l_i θ̇_i² sin θ_i + ¾ m_i cos θ_i (μ θ̇_i / (m_i l_i) + g sin θ_i)
   *   m̃_i = m_i (1 − ¾ cos² θ_i)
   *   ẍ   = (F + Σ F̃_i) / (M + Σ m̃_i)
   *   θ̈_i = −¾ (ẍ cos θ_i + g sin θ_i + μ θ̇_i / (m_i l_i)) / l_i
   * with g = −9.8 as in the reference code's sign convention.
   */
  function f(y: number[], F: number): number[] {
    const [g, M, mu] = [-9.8, 1.0, 0.000002];
    const poles = [
      { m: 0.1, l: 0.5, th: y[2], w: y[3] },
      { m: 0.01, l: 0.05, th: y[4], w: y[5] },
    ];
    const Ft = poles.map(
      (p) => p.m * p.l * p.w ** 2 * Math.sin(p.th) + 0.75 * p.m * Math.cos(p.th) * ((mu * p.w) / (p.m * p.l) + g * Math.sin(p.th)),
    );
    const mt = poles.map((p) => p.m * (1 - 0.75 * Math.cos(p.th) ** 2));
    const xAcc = (F + Ft[0] + Ft[1]) / (M + mt[0] + mt[1]);
    const acc = poles.map((p) => (-0.75 * (xAcc * Math.cos(p.th) + g * Math.sin(p.th) + (mu * p.w) / (p.m * p.l))) / p.l);
    return [y[1], xAcc, y[3], acc[0], y[5], acc[1]];
  }
  const axpy = (a: number, x: number[], y: number[]) => y.map((v, i) => v + a * x[i]);
  function rk4(y: number[], F: number, h: number): number[] {
    const k1 = f(y, F);
    const k2 = f(axpy(h / 2, k1, y), F);
    const k3 = f(axpy(h / 2, k2, y), F);
    const k4 = f(axpy(h, k3, y), F);
    return y.map((v, i) => v + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
  }

  it('RK4 (two 0.01 s steps per action) matches an independent RK4 of Wieland’s equations for 300 actions', () => {
    const s = Float64Array.of(0.1, -0.2, 0.07, 0.05, -0.02, 0.1);
    let ref = Array.from(s);
    for (let t = 0; t < 300; t++) {
      const F = (actionAt(t) - 0.5) * 20;
      doublePoleAction(s, F, 'rk4');
      ref = rk4(rk4(ref, F, 0.01), F, 0.01);
      for (let i = 0; i < 6; i++) expect(Math.abs(s[i] - ref[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref[i])));
    }
  });

  it('Euler (eight 0.0025 s steps per action) matches an independent Euler integration, and stays near RK4 short-term', () => {
    const s = Float64Array.of(0, 0, 0.07, 0, 0, 0);
    const r = Float64Array.from(s);
    let ref = Array.from(s);
    for (let t = 0; t < 20; t++) {
      const F = (actionAt(t) - 0.5) * 20;
      doublePoleAction(s, F, 'euler');
      doublePoleAction(r, F, 'rk4');
      for (let k = 0; k < 8; k++) ref = axpy(0.0025, f(ref, F), ref);
      for (let i = 0; i < 6; i++) expect(s[i]).toBeCloseTo(ref[i], 10);
    }
    // The short pole is stiff, so the integrators agree to a few per cent, not to rounding.
    for (let i = 0; i < 6; i++) expect(Math.abs(s[i] - r[i])).toBeLessThan(0.05 * Math.max(1, Math.abs(r[i])));
  });

  it('upright and still with zero force is an equilibrium; the 0.07 rad start falls without control', () => {
    const s = new Float64Array(6);
    doublePoleAction(s, 0);
    expect(Array.from(s)).toEqual([0, 0, 0, 0, 0, 0]);
    const task = createControlTask('double-pole', 1);
    expect([task.observationSize, task.actionSize, task.actionKind, task.maxSteps]).toEqual([6, 1, 'continuous', 100_000]);
    const fall = playEpisode(task, () => Float32Array.of(0.5), 0);
    expect(fall.steps).toBeLessThan(200);
    expect(fall.return).toBe(fall.steps - 1);
  });

  it('observations: scaled as the reference inputs; no velocities in the non-Markovian version', () => {
    const env = createControlTask('double-pole', 1).createEnvironment();
    expect(Array.from(env.reset(0))).toEqual([0, 0, 0.07 / 0.52, 0, 0, 0].map(Math.fround));
    const nv = createControlTask('double-pole-nv', 1).createEnvironment() as DoublePoleEnvironment;
    expect(nv.reset(0).length).toBe(3);
    const step = nv.step(Float32Array.of(0.7));
    expect(step.observation.length).toBe(3);
    expect(step.state.length).toBe(6);
  });

  it('generalisation grid: 625 distinct starts; the middle one is upright and still', () => {
    const keys = new Set(Array.from({ length: 625 }, (_, i) => Array.from(generalisationStart(i)).join(',')));
    expect(keys.size).toBe(625);
    expect(Array.from(generalisationStart(312))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(generalisationStart(0)[0]).toBeCloseTo(-0.9 * 2.16, 12);
  });
});

describe('damping fitness (Gruau et al. 1996)', () => {
  it('0.1·t/1000 up to 100 steps; then adds 0.9·0.75 / the last 100 steps of |x|+|ẋ|+|θ1|+|θ̇1|', () => {
    expect(dampingFitness(50, [])).toBeCloseTo(0.005, 12);
    const history = Array.from({ length: 300 }, (_, i) => Float32Array.of(i < 200 ? 1 : 0.125, 0.125, 0.125, 0.125, 9, 9));
    expect(dampingFitness(300, history)).toBeCloseTo(0.03 + 0.9 * (0.75 / 50), 6);
  });

  it('from observations, velocities come from backward differences (constant positions ⇒ zero velocity)', () => {
    const observations = Array.from({ length: 200 }, () => Float32Array.of(0.5 / 4.8, 0.1 / 0.52, 0));
    expect(dampingFitness(200, observations)).toBeCloseTo(0.02 + 0.9 * (0.75 / 60), 5);
  });

  it('the non-Markovian task scores episodes with it, from exact states', () => {
    const task = createControlTask('double-pole-nv', 1);
    expect(task.episodeFitness).toBeDefined();
    const r = playEpisode(task, (o) => Float32Array.of(o[1] > 0 ? 1 : 0), 0);
    expect(r.return).toBeLessThanOrEqual(100);
    expect(r.fitness).toBeCloseTo((0.1 * r.return) / 1000, 12);
    expect(createControlTask('double-pole', 1).episodeFitness).toBeUndefined();
  });
});
