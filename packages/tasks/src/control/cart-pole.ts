/**
 * Cart-pole (Barto, Sutton & Anderson 1983), with the constants, limits and Euler step of
 * OpenAI Gym's CartPole-v1: a 4.8 m track (|x| ≤ 2.4), failure beyond 12°, 0.02 s per action,
 * ±10 N, reward 1 for every step taken (including the last), episodes capped at `maxSteps`.
 */
import type { Environment, StepResult } from '@evoprop/core';
import { z } from 'zod';
import { EnvironmentError } from '../errors.js';
import { defineBuiltinTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { PhysicsVectorEnvironment } from './vector-base.js';

/** Gym CartPole-v1's physical constants, SI units. */
export const cartPoleConstants = {
  /** Gravitational acceleration (m/s²). */
  gravity: 9.8,
  /** Mass of the cart (kg). */
  massCart: 1.0,
  /** Mass of the pole (kg). */
  massPole: 0.1,
  /** Half the pole's length (m). */
  halfLength: 0.5,
  /** Force of one push (N). */
  forceMagnitude: 10,
  /** Time per step (s). */
  tau: 0.02,
  /** The episode fails when |x| exceeds this (m). */
  xThreshold: 2.4,
  /** The episode fails when |θ| exceeds this (rad; 12°). */
  thetaThreshold: (12 * 2 * Math.PI) / 360,
} as const;

/** One Gym Euler step of [x, ẋ, θ, θ̇] under `force` (N), in place. */
export function cartPoleStep(s: Float64Array, force: number): void {
  const { gravity, massCart, massPole, halfLength, tau } = cartPoleConstants;
  const totalMass = massCart + massPole;
  const poleMassLength = massPole * halfLength;
  // Indexed reads, not array destructuring (which goes through the iterator protocol): the hot loop of every rollout.
  const x = s[0];
  const xDot = s[1];
  const theta = s[2];
  const thetaDot = s[3];
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
  const thetaAcc = (gravity * sin - cos * temp) / (halfLength * (4 / 3 - (massPole * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  s[0] = x + tau * xDot;
  s[1] = xDot + tau * xAcc;
  s[2] = theta + tau * thetaDot;
  s[3] = thetaDot + tau * thetaAcc;
}

/** Parsed options of the cart-pole task. */
export type CartPoleOptions = Readonly<{
  /** Episode length cap (steps). */
  maxSteps: number;
  /** `'discrete'`: action 0 pushes left, 1 right; `'continuous'`: one value in [0, 1] mapped to ±10 N. */
  actions: 'discrete' | 'continuous';
}>;

/** A force from an action: discrete 0 → −10 N, 1 → +10 N; continuous a ∈ [0, 1] → (2a − 1)·10 N (clamped). */
export function forceOf(environment: string, action: number | Float32Array, kind: 'discrete' | 'continuous', magnitude: number): number {
  if (kind === 'discrete') {
    if (action === 0 || action === 1) return action === 1 ? magnitude : -magnitude;
    throw new EnvironmentError(environment, 'a discrete action 0 (push left) or 1 (push right)', String(action));
  }
  const a = typeof action === 'number' ? action : action.length === 1 ? action[0] : Number.NaN;
  if (!Number.isFinite(a))
    throw new EnvironmentError(
      environment,
      'a continuous action: a finite number or a Float32Array of length 1',
      typeof action === 'number' ? String(a) : `Float32Array(${action.length})`,
    );
  return (Math.min(1, Math.max(0, a)) - 0.5) * 2 * magnitude;
}

/** One cart-pole environment: `reset(seed)` then `step(action)` until `done`. */
export class CartPoleEnvironment implements Environment {
  /** [x, ẋ, θ, θ̇] in float64. */
  readonly state = new Float64Array(4);
  private steps = 0;
  private done = true;
  private started = false;

  /**
   * @param taskSeed The task's seed; with the episode seed it picks the start state.
   * @param options Episode cap and action kind.
   */
  constructor(
    private readonly taskSeed: number,
    private readonly options: CartPoleOptions,
  ) {}

  /** Gym's start: every state variable ~ U(−0.05, 0.05), seeded by (task seed, episode seed). */
  reset(seed: number): Float32Array {
    cartPoleStart(this.taskSeed, seed, this.state);
    this.steps = 0;
    this.done = false;
    this.started = true;
    return Float32Array.from(this.state);
  }

  /**
   * Apply one action for 0.02 s; reward 1. The episode terminates when the cart or pole leaves
   * its limits, and is truncated when it reaches `maxSteps` without that.
   */
  step(action: number | Float32Array): StepResult {
    if (!this.started) throw new EnvironmentError('cart-pole', 'reset(seed) before step()', 'step() on a fresh environment');
    if (this.done) throw new EnvironmentError('cart-pole', 'reset(seed) after an episode ends', 'step() after done');
    cartPoleStep(this.state, forceOf('cart-pole', action, this.options.actions, cartPoleConstants.forceMagnitude));
    this.steps++;
    const terminated = cartPoleFailed(this.state);
    const truncated = !terminated && this.steps >= this.options.maxSteps;
    this.done = terminated || truncated;
    return { observation: Float32Array.from(this.state), reward: 1, done: this.done, terminated, truncated };
  }
}

/** Gym's start state in `out`: every variable ~ U(−0.05, 0.05), seeded by (task seed, episode seed). */
function cartPoleStart(taskSeed: number, seed: number, out: Float64Array): void {
  const rng = taskRng('cart-pole', taskSeed).fork(`episode/${seed}`);
  for (let i = 0; i < 4; i++) out[i] = rng.uniform(-0.05, 0.05);
}

/** True when the cart left the track or the pole passed 12°. */
const cartPoleFailed = (s: Float64Array): boolean =>
  Math.abs(s[0]) > cartPoleConstants.xThreshold || Math.abs(s[2]) > cartPoleConstants.thetaThreshold;

/**
 * `count` cart-poles stepped together, the state one Float64Array per variable (x, ẋ, θ, θ̇);
 * each environment follows exactly the arithmetic of {@link CartPoleEnvironment}.
 *
 * @param taskSeed The task's seed; with each episode seed it picks the start state.
 * @param options Episode cap and action kind.
 * @param count Number of environments.
 */
export function cartPoleVectorEnvironment(taskSeed: number, options: CartPoleOptions, count: number): PhysicsVectorEnvironment {
  return new PhysicsVectorEnvironment(
    {
      name: 'cart-pole',
      variables: 4,
      observationSize: 4,
      maxSteps: options.maxSteps,
      start: (seed, state) => cartPoleStart(taskSeed, seed, state),
      // One action value in both modes: an index (discrete) or a value in [0, 1] (continuous).
      advance(state, action) {
        cartPoleStep(state, forceOf('cart-pole', action, options.actions, cartPoleConstants.forceMagnitude));
        return cartPoleFailed(state);
      },
      reward: () => 1,
      observe: (state, out, offset) => {
        for (let v = 0; v < 4; v++) out[offset + v] = state[v];
      },
      reportsState: false,
    },
    count,
  );
}

export const cartPoleTask = defineBuiltinTask({
  id: 'cart-pole',
  kind: 'control',
  recommendedModel: { hidden: [8], activation: 'tanh' },
  description: 'Cart-pole as in Gym CartPole-v1: 4.8 m track, 12° failure angle, ±10 N, reward 1 per step, capped at maxSteps.',
  options: z.strictObject({
    /** Episode length cap (steps, 1 to 10⁷). Default 500, as in CartPole-v1. */
    maxSteps: z.int().min(1).max(10_000_000).default(500).meta({ unit: 'environment steps' }),
    /** 'discrete': 2 actions (push left / right); 'continuous': one value in [0, 1] mapped to ±10 N. */
    actions: z.enum(['discrete', 'continuous']).default('discrete'),
  }),
  build: (seed, o, m) => ({
    kind: 'control',
    id: m.id,
    seed,
    description: m.description,
    observationSize: 4,
    actionSize: o.actions === 'discrete' ? 2 : 1,
    actionKind: o.actions,
    maxSteps: o.maxSteps,
    metric: 'return',
    // Gym's threshold for CartPole-v1 (average return over 100 episodes), scaled if the cap is changed.
    solvedAt: Math.round(o.maxSteps * 0.95),
    createEnvironment: () => new CartPoleEnvironment(seed, o),
    createVectorEnvironment: (count: number) => cartPoleVectorEnvironment(seed, o, count),
  }),
});
