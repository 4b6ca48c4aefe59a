/**
 * Double pole balancing (Wieland 1991) with the parameters of the NEAT paper (Stanley &
 * Miikkulainen 2002, sec. 4.2, pp. 113–115), following the reference code by Faustino Gomez
 * that Stanley's NEAT ships: poles of 1 m and 0.1 m (half-lengths 0.5 and 0.05) weighing 0.1
 * and 0.01 kg on a 1 kg cart, pivot friction 2e-6, ±10 N, failure when either pole passes
 * 36° or the cart leaves the 4.8 m track. Each action lasts 0.02 s: two RK4 steps of 0.01 s
 * (or, with `integrator: 'euler'`, eight Euler steps of 0.0025 s).
 *
 * The code's sign convention takes g = −9.8. Observations are the code's network inputs without
 * its 0.5 bias input: [x/4.8, ẋ/2, θ1/0.52, θ̇1/2, θ2/0.52, θ̇2/2] with velocities (Markovian),
 * [x/4.8, θ1/0.52, θ2/0.52] without (non-Markovian). The action is one value in [0, 1] — the
 * network's sigmoid output — mapped to force (2a − 1)·10 N.
 */
import type { Environment, StepResult } from '@evoprop/core';
import { EnvironmentError, TaskError } from '../errors.js';
import { taskRng } from '../supervised/rng.js';
import { forceOf } from './cart-pole.js';

/** The double-pole constants of the NEAT paper's reference code (SI units). */
export const doublePoleConstants = {
  /** Gravitational acceleration (m/s²; negative in the reference code's sign convention). */
  gravity: -9.8,
  /** Mass of the cart (kg). */
  massCart: 1.0,
  /** Mass of the long pole (kg). */
  massPole1: 0.1,
  /** Half the long pole's length (m). */
  halfLength1: 0.5,
  /** Mass of the short pole (kg). */
  massPole2: 0.01,
  /** Half the short pole's length (m). */
  halfLength2: 0.05,
  /** Coefficient of friction at each pole's pivot. */
  frictionPole: 0.000002,
  /** Largest force on the cart (N). */
  forceMagnitude: 10,
  /** Integration step (s); one action spans two of them. */
  tau: 0.01,
  /** The episode fails when |x| exceeds this (m). */
  trackLimit: 2.4,
  /** 36° in the code's own constant. */
  failureAngle: 0.628329,
} as const;

/** Accelerations (ẍ, θ̈1, θ̈2) of state [x, ẋ, θ1, θ̇1, θ2, θ̇2] under `force`, written into derivs[1], [3], [5]. */
export function doublePoleAccelerations(force: number, s: Float64Array, derivs: Float64Array): void {
  const c = doublePoleConstants;
  const cos1 = Math.cos(s[2]);
  const sin1 = Math.sin(s[2]);
  const gSin1 = c.gravity * sin1;
  const cos2 = Math.cos(s[4]);
  const sin2 = Math.sin(s[4]);
  const gSin2 = c.gravity * sin2;
  const ml1 = c.halfLength1 * c.massPole1;
  const ml2 = c.halfLength2 * c.massPole2;
  const temp1 = (c.frictionPole * s[3]) / ml1;
  const temp2 = (c.frictionPole * s[5]) / ml2;
  // Wieland's effective force and mass of each pole on the cart.
  const fi1 = ml1 * s[3] * s[3] * sin1 + 0.75 * c.massPole1 * cos1 * (temp1 + gSin1);
  const fi2 = ml2 * s[5] * s[5] * sin2 + 0.75 * c.massPole2 * cos2 * (temp2 + gSin2);
  const mi1 = c.massPole1 * (1 - 0.75 * cos1 * cos1);
  const mi2 = c.massPole2 * (1 - 0.75 * cos2 * cos2);
  derivs[1] = (force + fi1 + fi2) / (mi1 + mi2 + c.massCart);
  derivs[3] = (-0.75 * (derivs[1] * cos1 + gSin1 + temp1)) / c.halfLength1;
  derivs[5] = (-0.75 * (derivs[1] * cos2 + gSin2 + temp2)) / c.halfLength2;
}

function derivatives(force: number, s: Float64Array, out: Float64Array): void {
  out[0] = s[1];
  out[2] = s[3];
  out[4] = s[5];
  doublePoleAccelerations(force, s, out);
}

/** Scratch space so a step allocates nothing. */
export type Work = { k1: Float64Array; k2: Float64Array; k3: Float64Array; k4: Float64Array; y: Float64Array };
/** Scratch space for {@link doublePoleAction}, so a step allocates nothing. */
export const newWork = (): Work => ({
  k1: new Float64Array(6),
  k2: new Float64Array(6),
  k3: new Float64Array(6),
  k4: new Float64Array(6),
  y: new Float64Array(6),
});

/** One classical RK4 step of length h, in place. */
function rk4(force: number, s: Float64Array, h: number, w: Work): void {
  derivatives(force, s, w.k1);
  for (let i = 0; i < 6; i++) w.y[i] = s[i] + 0.5 * h * w.k1[i];
  derivatives(force, w.y, w.k2);
  for (let i = 0; i < 6; i++) w.y[i] = s[i] + 0.5 * h * w.k2[i];
  derivatives(force, w.y, w.k3);
  for (let i = 0; i < 6; i++) w.y[i] = s[i] + h * w.k3[i];
  derivatives(force, w.y, w.k4);
  for (let i = 0; i < 6; i++) s[i] += (h / 6) * (w.k1[i] + 2 * w.k2[i] + 2 * w.k3[i] + w.k4[i]);
}

function euler(force: number, s: Float64Array, h: number, w: Work): void {
  derivatives(force, s, w.k1);
  for (let i = 0; i < 6; i++) s[i] += h * w.k1[i];
}

/** How the equations of motion are integrated: 4th-order Runge–Kutta (the reference) or Euler. */
export type Integrator = 'rk4' | 'euler';

/** Advance the state by one action (0.02 s) under `force`, in place. */
export function doublePoleAction(s: Float64Array, force: number, integrator: Integrator = 'rk4', work: Work = newWork()): void {
  const tau = doublePoleConstants.tau;
  if (integrator === 'rk4') for (let i = 0; i < 2; i++) rk4(force, s, tau, work);
  else for (let i = 0; i < 8; i++) euler(force, s, tau / 4, work);
}

/** True when the cart left the track or either pole fell past the failure angle. */
export const doublePoleFailed = (s: Float64Array): boolean => {
  const { trackLimit, failureAngle } = doublePoleConstants;
  return Math.abs(s[0]) > trackLimit || Math.abs(s[2]) > failureAngle || Math.abs(s[4]) > failureAngle;
};

/**
 * Starting states of Gruau, Whitley & Pyeatt's (1996) generalisation test, as used in the NEAT
 * paper (p. 115): each of x, ẋ, θ1, θ̇1 at 0.05, 0.25, 0.5, 0.75 and 0.95 of its range
 * (±2.16 m, ±1.35 m/s, ±3.6°, ±8.6°/s), the short pole upright and still: 5⁴ = 625 starts.
 */
export const generalisationRanges = [2.16, 1.35, 0.06283152, 0.15009752] as const;
const GRID = [0.05, 0.25, 0.5, 0.75, 0.95];

/** The generalisation test's start state number `index` (taken mod 625), as [x, ẋ, θ1, θ̇1, θ2, θ̇2]. */
export function generalisationStart(index: number): Float64Array {
  const s = new Float64Array(6);
  let rest = ((index % 625) + 625) % 625;
  for (let v = 0; v < 4; v++) {
    const r = generalisationRanges[v];
    s[v] = GRID[rest % 5] * 2 * r - r;
    rest = Math.floor(rest / 5);
  }
  return s;
}

/** Parsed options of the double-pole tasks. */
export type DoublePoleOptions = Readonly<{
  /** Whether observations include the velocities (Markovian) or only the positions. */
  velocities: boolean;
  /** Episode length cap (steps of 0.02 s). */
  maxSteps: number;
  /** Integration scheme. */
  integrator: Integrator;
  /** 'fixed': θ1 = 0.07 rad, all else 0 (the reference code); 'random': uniform over the generalisation box; 'grid': generalisation start seed mod 625. */
  start: 'fixed' | 'random' | 'grid';
  /** Long pole's starting angle for `start: 'fixed'` (rad). */
  initialAngle: number;
  /** `'continuous'`: one value in [0, 1] mapped to ±10 N; `'discrete'`: 0 pushes left, 1 right. */
  actions: 'continuous' | 'discrete';
  /** `'scaled'`: each variable divided by its conventional range; `'raw'`: SI units. */
  observation: 'scaled' | 'raw';
}>;

/** What a step returns here: the usual result plus the full, unscaled state [x, ẋ, θ1, θ̇1, θ2, θ̇2]. */
export type DoublePoleStepResult = StepResult &
  Readonly<{
    /** The full state [x, ẋ, θ1, θ̇1, θ2, θ̇2] in SI units, whatever the observation setting. */
    state: Float32Array;
  }>;

const SCALES = [4.8, 2, 0.52, 2, 0.52, 2];
const POSITIONS = [0, 2, 4];
const ALL = [0, 1, 2, 3, 4, 5];

/** One double-pole environment (with or without velocities): `reset(seed)` then `step(action)` until `done`. */
export class DoublePoleEnvironment implements Environment {
  /** [x, ẋ, θ1, θ̇1, θ2, θ̇2] in float64, SI units. */
  readonly state = new Float64Array(6);
  private readonly work = newWork();
  private steps = 0;
  private done = true;
  private started = false;
  private readonly name: string;

  /**
   * @param taskSeed The task's seed; with the episode seed it picks random starts.
   * @param options The parsed task options.
   */
  constructor(
    private readonly taskSeed: number,
    private readonly options: DoublePoleOptions,
  ) {
    this.name = options.velocities ? 'double-pole' : 'double-pole-nv';
  }

  /** Start an episode: the fixed start, the generalisation grid's start `seed mod 625`, or a seeded random one, per `options.start`. */
  reset(seed: number): Float32Array {
    doublePoleStart(this.taskSeed, this.options, seed, this.state);
    this.steps = 0;
    this.done = false;
    this.started = true;
    return this.observe();
  }

  /** Apply one action for 0.02 s; reward 1 while both poles are up; terminated on failure, truncated at `maxSteps`. */
  step(action: number | Float32Array): DoublePoleStepResult {
    if (!this.started) throw new EnvironmentError(this.name, 'reset(seed) before step()', 'step() on a fresh environment');
    if (this.done) throw new EnvironmentError(this.name, 'reset(seed) after an episode ends', 'step() after done');
    const force = forceOf(this.name, action, this.options.actions, doublePoleConstants.forceMagnitude);
    doublePoleAction(this.state, force, this.options.integrator, this.work);
    this.steps++;
    const terminated = doublePoleFailed(this.state);
    const truncated = !terminated && this.steps >= this.options.maxSteps;
    this.done = terminated || truncated;
    // Reward counts the steps that end with both poles up (the reference code's balanced count).
    return {
      observation: this.observe(),
      reward: terminated ? 0 : 1,
      done: this.done,
      terminated,
      truncated,
      state: Float32Array.from(this.state),
    };
  }

  private observe(): Float32Array {
    const out = new Float32Array(this.options.velocities ? 6 : 3);
    writeDoublePoleObservation(this.state, this.options, out, 0);
    return out;
  }
}

/** The start state of an episode into `out`, per `options.start`: fixed, the grid's start `seed mod 625`, or seeded random. */
export function doublePoleStart(taskSeed: number, options: DoublePoleOptions, seed: number, out: Float64Array): void {
  out.fill(0);
  if (options.start === 'fixed') {
    out[2] = options.initialAngle;
  } else if (options.start === 'grid') {
    out.set(generalisationStart(seed));
  } else {
    const rng = taskRng(options.velocities ? 'double-pole' : 'double-pole-nv', taskSeed).fork(`episode/${seed}`);
    for (let v = 0; v < 4; v++) out[v] = rng.uniform(-0.9, 0.9) * generalisationRanges[v];
  }
}

/** Writes the observation of state `s` at `out[offset...]`: scaled or raw, with velocities (6 values) or without (3). */
export function writeDoublePoleObservation(s: Float64Array, options: DoublePoleOptions, out: Float32Array, offset: number): void {
  const raw = options.observation === 'raw';
  const pick = options.velocities ? ALL : POSITIONS;
  for (let j = 0; j < pick.length; j++) out[offset + j] = raw ? s[pick[j]] : s[pick[j]] / SCALES[pick[j]];
}

/**
 * Gruau, Whitley & Pyeatt's (1996) fitness for balancing without velocities, as in the NEAT
 * paper (p. 114) and its reference code: f = 0.1·f1 + 0.9·f2 with f1 = t/1000 (t = balanced
 * steps) and f2 = 0.75 / Σ(|x| + |ẋ| + |θ1| + |θ̇1|) over the last 100 balanced steps, which
 * rewards damping oscillations; f = 0.1·f1 while t ≤ 100.
 *
 * `history[i]` describes the state after step i + 1: pass the `state` field of each
 * DoublePoleStepResult (6 values, exact); given the 3-value observations instead, the velocities
 * are estimated by backward differences over the 0.02 s action period.
 */
export function dampingFitness(balanced: number, history: readonly Float32Array[], observation: 'scaled' | 'raw' = 'scaled'): number {
  const f1 = balanced / 1000;
  if (balanced <= 100) return 0.1 * f1;
  if (history.length < balanced)
    throw new TaskError(`dampingFitness: expected a history of at least ${balanced} steps, got ${history.length}`);
  const width = history[0].length;
  if (width !== 6 && width !== 3)
    throw new TaskError(`dampingFitness: expected history entries of 6 values (StepResult.state) or 3 (observations), got ${width}`);
  const unscale = (v: number, i: number) => (observation === 'raw' || width === 6 ? v : v * SCALES[POSITIONS[i]]);
  let jiggle = 0;
  for (let i = balanced - 100; i < balanced; i++) {
    const h = history[i];
    if (width === 6) {
      jiggle += Math.abs(h[0]) + Math.abs(h[1]) + Math.abs(h[2]) + Math.abs(h[3]);
    } else {
      const prev = history[i - 1];
      const x = unscale(h[0], 0);
      const theta = unscale(h[1], 1);
      const xDot = (x - unscale(prev[0], 0)) / (2 * doublePoleConstants.tau);
      const thetaDot = (theta - unscale(prev[1], 1)) / (2 * doublePoleConstants.tau);
      jiggle += Math.abs(x) + Math.abs(xDot) + Math.abs(theta) + Math.abs(thetaDot);
    }
  }
  return 0.1 * f1 + 0.9 * (0.75 / jiggle);
}
