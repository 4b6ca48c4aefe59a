/**
 * Acrobot (Sutton 1996, "Generalization in reinforcement learning: successful examples using
 * sparse coarse coding"; Sutton & Barto 1998, sec. 11.3), with the constants,
 * limits, reward and integration of Gymnasium's Acrobot-v1: two 1 m links of 1 kg, torque
 * −1, 0 or +1 N·m on the middle joint, one RK4 step of 0.2 s per action, angles wrapped to
 * [−π, π], velocities clipped to ±4π and ±9π, reward −1 per step until the tip is one link
 * length above the pivot (−cos θ1 − cos(θ1 + θ2) > 1, terminated, reward 0), at most 500 steps.
 * Observations: [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2].
 */
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { discreteAction, physicsEnvironment } from './physics-environment.js';
import { PhysicsVectorEnvironment, type PhysicsRules } from './vector-base.js';

/** Gymnasium Acrobot-v1's constants (SI units; the "book" dynamics). */
export const acrobotConstants = {
  /** Time per action (s), one RK4 step. */
  dt: 0.2,
  /** Length of link 1 (m). */
  linkLength1: 1,
  /** Mass of link 1 (kg). */
  linkMass1: 1,
  /** Mass of link 2 (kg). */
  linkMass2: 1,
  /** Position of link 1's centre of mass (m). */
  linkCom1: 0.5,
  /** Position of link 2's centre of mass (m). */
  linkCom2: 0.5,
  /** Moment of inertia of both links (kg·m²). */
  linkMoi: 1,
  /** Gravity (m/s²). */
  gravity: 9.8,
  /** Limit of θ̇1 (rad/s). */
  maxVelocity1: 4 * Math.PI,
  /** Limit of θ̇2 (rad/s). */
  maxVelocity2: 9 * Math.PI,
  /** Torque of actions 0, 1, 2 (N·m). */
  torques: [-1, 0, 1],
} as const;

/** dθ1, dθ2, ddθ1, ddθ2 of state [θ1, θ2, θ̇1, θ̇2] under torque `a` (Gymnasium's `_dsdt`, book version), into `out`. */
export function acrobotDerivatives(s: ArrayLike<number>, a: number, out: Float64Array): void {
  const { linkMass1: m1, linkMass2: m2, linkLength1: l1, linkCom1: lc1, linkCom2: lc2, linkMoi: I, gravity: g } = acrobotConstants;
  const theta1 = s[0];
  const theta2 = s[1];
  const dtheta1 = s[2];
  const dtheta2 = s[3];
  const d1 = m1 * lc1 ** 2 + m2 * (l1 ** 2 + lc2 ** 2 + 2 * l1 * lc2 * Math.cos(theta2)) + I + I;
  const d2 = m2 * (lc2 ** 2 + l1 * lc2 * Math.cos(theta2)) + I;
  const phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2);
  const phi1 =
    -m2 * l1 * lc2 * dtheta2 ** 2 * Math.sin(theta2) -
    2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2) +
    (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2) +
    phi2;
  const ddtheta2 = (a + (d2 / d1) * phi1 - m2 * l1 * lc2 * dtheta1 ** 2 * Math.sin(theta2) - phi2) / (m2 * lc2 ** 2 + I - d2 ** 2 / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  out[0] = dtheta1;
  out[1] = dtheta2;
  out[2] = ddtheta1;
  out[3] = ddtheta2;
}

/** x wrapped into [lo, hi] by whole periods (Gymnasium's `wrap`). */
const wrap = (x: number, lo: number, hi: number): number => {
  const d = hi - lo;
  let y = x;
  while (y > hi) y -= d;
  while (y < lo) y += d;
  return y;
};
const bound = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

const k1 = new Float64Array(4);
const k2 = new Float64Array(4);
const k3 = new Float64Array(4);
const k4 = new Float64Array(4);
const y = new Float64Array(4);

/** One action of Acrobot-v1 on [θ1, θ2, θ̇1, θ̇2] in place: an RK4 step of dt under `torque`, then wrap and clip. */
export function acrobotStep(s: Float64Array, torque: number): void {
  const { dt, maxVelocity1, maxVelocity2 } = acrobotConstants;
  acrobotDerivatives(s, torque, k1);
  for (let i = 0; i < 4; i++) y[i] = s[i] + (dt / 2) * k1[i];
  acrobotDerivatives(y, torque, k2);
  for (let i = 0; i < 4; i++) y[i] = s[i] + (dt / 2) * k2[i];
  acrobotDerivatives(y, torque, k3);
  for (let i = 0; i < 4; i++) y[i] = s[i] + dt * k3[i];
  acrobotDerivatives(y, torque, k4);
  for (let i = 0; i < 4; i++) s[i] += (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  s[0] = wrap(s[0], -Math.PI, Math.PI);
  s[1] = wrap(s[1], -Math.PI, Math.PI);
  s[2] = bound(s[2], -maxVelocity1, maxVelocity1);
  s[3] = bound(s[3], -maxVelocity2, maxVelocity2);
}

/** The tip is more than one link length above the pivot. */
export const acrobotReachedGoal = (s: ArrayLike<number>): boolean => -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1;

function acrobotRules(taskSeed: number, maxSteps: number): PhysicsRules {
  return {
    name: 'acrobot',
    variables: 4,
    observationSize: 6,
    maxSteps,
    // Gymnasium: every state variable ~ U(−0.1, 0.1).
    start: (seed, state) => {
      const rng = taskRng('acrobot', taskSeed).fork(`episode/${seed}`);
      for (let i = 0; i < 4; i++) state[i] = rng.uniform(-0.1, 0.1);
    },
    advance: (state, action) => {
      acrobotStep(state, acrobotConstants.torques[discreteAction('acrobot', action, 3)]);
      return acrobotReachedGoal(state);
    },
    reward: (terminated) => (terminated ? 0 : -1),
    observe: (s, out, o) => {
      out[o] = Math.cos(s[0]);
      out[o + 1] = Math.sin(s[0]);
      out[o + 2] = Math.cos(s[1]);
      out[o + 3] = Math.sin(s[1]);
      out[o + 4] = s[2];
      out[o + 5] = s[3];
    },
    reportsState: false,
  };
}

export const acrobotTask = defineBuiltinTask({
  id: 'acrobot',
  kind: 'control',
  // One tanh layer of 16, the control suite's policy network (cart-pole's is 8; SB3's default MlpPolicy is 64-64).
  recommendedModel: { hidden: [16], activation: 'tanh' },
  description: "Acrobot as in Gymnasium's Acrobot-v1: swing the two-link tip above one link length; reward −1 per step, at most 500 steps.",
  options: z.strictObject({
    /** Episode length cap (steps, 1 to 10⁷). Default 500, as in Acrobot-v1. */
    maxSteps: z.int().min(1).max(10_000_000).default(500).meta({ unit: 'environment steps' }),
  }),
  build: (seed, o, m) => ({
    kind: 'control',
    id: m.id,
    seed,
    description: m.description,
    observationSize: 6,
    actionSize: 3,
    actionKind: 'discrete',
    maxSteps: o.maxSteps,
    metric: 'return',
    // Gymnasium's reward threshold for Acrobot-v1.
    solvedAt: -100,
    createEnvironment: () => physicsEnvironment(acrobotRules(seed, o.maxSteps)),
    createVectorEnvironment: (count: number) => new PhysicsVectorEnvironment(acrobotRules(seed, o.maxSteps), count),
  }),
});
