/**
 * Mountain car (Moore 1990, PhD thesis; Sutton & Barto 1998, sec. 8.2) with the constants,
 * limits and rewards of Gymnasium's MountainCar-v0 and MountainCarContinuous-v0: position in
 * [−1.2, 0.6], speed clipped to ±0.07, the car stopped at the left wall, starts at a position
 * ~ U(−0.6, −0.4) at rest.
 * - MountainCar-v0: actions 0, 1, 2 push with (a − 1)·0.001; reward −1 per step; terminated
 *   at position ≥ 0.5; at most 200 steps.
 * - MountainCarContinuous-v0: force in [−1, 1] times 0.0015; reward 100 on reaching
 *   position ≥ 0.45, minus 0.1·a² every step (a as given, unclipped); at most 999 steps.
 */
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { continuousAction, discreteAction, physicsEnvironment } from './physics-environment.js';
import { PhysicsVectorEnvironment, type PhysicsRules } from './vector-base.js';

/** Gymnasium's mountain-car constants (both versions). */
export const mountainCarConstants = {
  /** Left wall (position). */
  minPosition: -1.2,
  /** Right end (position). */
  maxPosition: 0.6,
  /** Speed limit. */
  maxSpeed: 0.07,
  /** Goal position of MountainCar-v0. */
  goalPosition: 0.5,
  /** Goal position of MountainCarContinuous-v0. */
  continuousGoalPosition: 0.45,
  /** Force per discrete push. */
  force: 0.001,
  /** Power of the continuous action. */
  power: 0.0015,
  /** Gravity term: velocity −= gravity·cos(3·position). */
  gravity: 0.0025,
} as const;

/** Gymnasium MountainCar-v0's update of [position, velocity] in place, given the push (a − 1)·force. */
function moveCar(s: Float64Array, push: number): void {
  const { minPosition, maxPosition, maxSpeed, gravity } = mountainCarConstants;
  let velocity = s[1] + push + Math.cos(3 * s[0]) * -gravity;
  velocity = Math.min(Math.max(velocity, -maxSpeed), maxSpeed);
  let position = s[0] + velocity;
  position = Math.min(Math.max(position, minPosition), maxPosition);
  if (position === minPosition && velocity < 0) velocity = 0;
  s[0] = position;
  s[1] = velocity;
}

/** One MountainCar-v0 step with action 0, 1 or 2, in place on [position, velocity]. */
export function mountainCarStep(s: Float64Array, action: number): void {
  moveCar(s, (action - 1) * mountainCarConstants.force);
}

/**
 * One MountainCarContinuous-v0 step with force `a` (clipped to [−1, 1]), in place. Gymnasium adds
 * force·power and subtracts 0.0025·cos(3·position) in one expression; `moveCar` computes the same
 * value bit for bit (x + c·(−g) and x − g·c round identically in IEEE arithmetic).
 */
export function mountainCarContinuousStep(s: Float64Array, a: number): void {
  moveCar(s, Math.min(Math.max(a, -1), 1) * mountainCarConstants.power);
}

const start = (id: string, taskSeed: number) => (seed: number, state: Float64Array) => {
  const rng = taskRng(id, taskSeed).fork(`episode/${seed}`);
  state[0] = rng.uniform(-0.6, -0.4);
  state[1] = 0;
};
const observe = (s: Float64Array, out: Float32Array, o: number) => {
  out[o] = s[0];
  out[o + 1] = s[1];
};

function discreteRules(taskSeed: number, maxSteps: number): PhysicsRules {
  return {
    name: 'mountain-car',
    variables: 2,
    observationSize: 2,
    maxSteps,
    start: start('mountain-car', taskSeed),
    advance: (s, action) => {
      mountainCarStep(s, discreteAction('mountain-car', action, 3));
      return s[0] >= mountainCarConstants.goalPosition && s[1] >= 0;
    },
    reward: () => -1,
    observe,
    reportsState: false,
  };
}

function continuousRules(taskSeed: number, maxSteps: number): PhysicsRules {
  let action = 0;
  return {
    name: 'mountain-car-continuous',
    variables: 2,
    observationSize: 2,
    maxSteps,
    start: start('mountain-car-continuous', taskSeed),
    advance: (s, a) => {
      action = continuousAction('mountain-car-continuous', a);
      mountainCarContinuousStep(s, action);
      return s[0] >= mountainCarConstants.continuousGoalPosition && s[1] >= 0;
    },
    reward: (terminated) => (terminated ? 100 : 0) - action ** 2 * 0.1,
    observe,
    reportsState: false,
  };
}

const options = (maxSteps: number) =>
  z.strictObject({
    /** Episode length cap (steps, 1 to 10⁷). Default 200 (MountainCar-v0) or 999 (MountainCarContinuous-v0). */
    maxSteps: z.int().min(1).max(10_000_000).default(maxSteps).meta({ unit: 'environment steps' }),
  });

export const mountainCarTask = defineBuiltinTask({
  id: 'mountain-car',
  kind: 'control',
  // One tanh layer of 16, the control suite's policy network (cart-pole's is 8; SB3's default MlpPolicy is 64-64).
  recommendedModel: { hidden: [16], activation: 'tanh' },
  description: "Mountain car as in Gymnasium's MountainCar-v0: three pushes, reward −1 per step until position ≥ 0.5, at most 200 steps.",
  options: options(200),
  build: (seed, o, m) => ({
    kind: 'control',
    id: m.id,
    seed,
    description: m.description,
    observationSize: 2,
    actionSize: 3,
    actionKind: 'discrete',
    maxSteps: o.maxSteps,
    metric: 'return',
    // Gymnasium's reward threshold for MountainCar-v0.
    solvedAt: -110,
    createEnvironment: () => physicsEnvironment(discreteRules(seed, o.maxSteps)),
    createVectorEnvironment: (count: number) => new PhysicsVectorEnvironment(discreteRules(seed, o.maxSteps), count),
  }),
});

export const mountainCarContinuousTask = defineBuiltinTask({
  id: 'mountain-car-continuous',
  kind: 'control',
  // One tanh layer of 16, the control suite's policy network (cart-pole's is 8; SB3's default MlpPolicy is 64-64).
  recommendedModel: { hidden: [16], activation: 'tanh' },
  description:
    "Mountain car as in Gymnasium's MountainCarContinuous-v0: force in [−1, 1], reward 100 at position ≥ 0.45 minus 0.1·a² per step, at most 999 steps.",
  options: options(999),
  build: (seed, o, m) => ({
    kind: 'control',
    id: m.id,
    seed,
    description: m.description,
    observationSize: 2,
    actionSize: 1,
    actionKind: 'continuous',
    maxSteps: o.maxSteps,
    metric: 'return',
    // Gymnasium's reward threshold for MountainCarContinuous-v0.
    solvedAt: 90,
    createEnvironment: () => physicsEnvironment(continuousRules(seed, o.maxSteps)),
    createVectorEnvironment: (count: number) => new PhysicsVectorEnvironment(continuousRules(seed, o.maxSteps), count),
  }),
});
