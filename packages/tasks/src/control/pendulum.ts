/**
 * Pendulum swing-up with the constants, limits, cost and integration of Gymnasium's
 * Pendulum-v1: a 1 m, 1 kg pendulum under g = 10 m/s², torque clipped to ±2 N·m, one
 * semi-implicit Euler step of 0.05 s per action (θ̇ first, clipped to ±8 rad/s, then θ),
 * reward −(θ̂² + 0.1·θ̇² + 0.001·u²) with θ̂ the angle from upright normalised to [−π, π),
 * never terminated, 200 steps. Observations: [cos θ, sin θ, θ̇]; starts θ ~ U(−π, π), θ̇ ~ U(−1, 1).
 */
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { continuousAction, physicsEnvironment } from './physics-environment.js';
import { PhysicsVectorEnvironment, type PhysicsRules } from './vector-base.js';

/** Gymnasium Pendulum-v1's constants. */
export const pendulumConstants = {
  /** Limit of θ̇ (rad/s). */
  maxSpeed: 8,
  /** Limit of the torque (N·m). */
  maxTorque: 2,
  /** Time per action (s). */
  dt: 0.05,
  /** Gravity (m/s²). */
  gravity: 10,
  /** Mass (kg). */
  mass: 1,
  /** Length (m). */
  length: 1,
} as const;

/** x mapped into [−π, π) (Gymnasium's `angle_normalize`, with Python's non-negative modulo). */
export const angleNormalize = (x: number): number => {
  const period = 2 * Math.PI;
  return ((((x + Math.PI) % period) + period) % period) - Math.PI;
};

/** The cost of acting with (clipped) torque `u` in state [θ, θ̇]: θ̂² + 0.1·θ̇² + 0.001·u². */
export const pendulumCost = (theta: number, thetaDot: number, u: number): number =>
  angleNormalize(theta) ** 2 + 0.1 * thetaDot ** 2 + 0.001 * u ** 2;

/** One action of Pendulum-v1 on [θ, θ̇] in place with torque `u` (clipped here); returns the clipped torque. */
export function pendulumStep(s: Float64Array, u: number): number {
  const { maxSpeed, maxTorque, dt, gravity: g, mass: m, length: l } = pendulumConstants;
  const torque = Math.min(Math.max(u, -maxTorque), maxTorque);
  const thetaDot = Math.min(Math.max(s[1] + (((3 * g) / (2 * l)) * Math.sin(s[0]) + (3 / (m * l * l)) * torque) * dt, -maxSpeed), maxSpeed);
  s[0] = s[0] + thetaDot * dt;
  s[1] = thetaDot;
  return torque;
}

function pendulumRules(taskSeed: number, maxSteps: number): PhysicsRules {
  let cost = 0;
  return {
    name: 'pendulum',
    variables: 2,
    observationSize: 3,
    maxSteps,
    start: (seed, state) => {
      const rng = taskRng('pendulum', taskSeed).fork(`episode/${seed}`);
      state[0] = rng.uniform(-Math.PI, Math.PI);
      state[1] = rng.uniform(-1, 1);
    },
    advance: (state, action) => {
      const u = continuousAction('pendulum', action);
      const theta = state[0];
      const thetaDot = state[1];
      // The cost is of the state acted in, as in Gymnasium.
      cost = pendulumCost(theta, thetaDot, pendulumStep(state, u));
      return false;
    },
    reward: () => -cost,
    observe: (s, out, o) => {
      out[o] = Math.cos(s[0]);
      out[o + 1] = Math.sin(s[0]);
      out[o + 2] = s[1];
    },
    reportsState: false,
  };
}

export const pendulumTask = defineBuiltinTask({
  id: 'pendulum',
  kind: 'control',
  // One tanh layer of 16, the control suite's policy network (cart-pole's is 8; SB3's default MlpPolicy is 64-64).
  recommendedModel: { hidden: [16], activation: 'tanh' },
  description: "Pendulum swing-up as in Gymnasium's Pendulum-v1: torque in [−2, 2], reward −(θ² + 0.1·θ̇² + 0.001·u²), 200 steps.",
  options: z.strictObject({
    /** Episode length cap (steps, 1 to 10⁷). Default 200, as in Pendulum-v1. */
    maxSteps: z.int().min(1).max(10_000_000).default(200).meta({ unit: 'environment steps' }),
  }),
  build: (seed, o, m) => ({
    kind: 'control',
    id: m.id,
    seed,
    description: m.description,
    observationSize: 3,
    actionSize: 1,
    actionKind: 'continuous',
    maxSteps: o.maxSteps,
    metric: 'return',
    createEnvironment: () => physicsEnvironment(pendulumRules(seed, o.maxSteps)),
    createVectorEnvironment: (count: number) => new PhysicsVectorEnvironment(pendulumRules(seed, o.maxSteps), count),
  }),
});
