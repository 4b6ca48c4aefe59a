import type { Environment, StepResult } from '@evoprop/core';
import { EnvironmentError } from '../errors.js';
import { PhysicsVectorEnvironment, type PhysicsRules } from './vector-base.js';

/** A discrete action index in 0..count−1, or an {@link EnvironmentError} naming the environment and what it got. */
export function discreteAction(environment: string, action: number, count: number): number {
  if (Number.isInteger(action) && action >= 0 && action < count) return action;
  throw new EnvironmentError(environment, `a discrete action 0..${count - 1}`, String(action));
}

/** A finite continuous action value, or an {@link EnvironmentError}. */
export function continuousAction(environment: string, action: number): number {
  if (Number.isFinite(action)) return action;
  throw new EnvironmentError(environment, 'a finite continuous action', String(action));
}

/**
 * One environment of `rules` as a scalar {@link Environment}: the vector environment with a
 * single copy, so the scalar and vectorised versions share every line of arithmetic.
 */
export function physicsEnvironment(rules: PhysicsRules): Environment {
  const env = new PhysicsVectorEnvironment(rules, 1);
  const one = Uint8Array.of(1);
  const action = new Float32Array(1);
  let started = false;
  let done = true;
  return {
    reset(seed: number): Float32Array {
      started = true;
      done = false;
      return Float32Array.from(env.reset([seed]));
    },
    step(a: number | Float32Array): StepResult {
      if (!started) throw new EnvironmentError(rules.name, 'reset(seed) before step()', 'step() on a fresh environment');
      if (done) throw new EnvironmentError(rules.name, 'reset(seed) after an episode ends', 'step() after done');
      if (typeof a !== 'number' && a.length !== 1)
        throw new EnvironmentError(rules.name, 'one action value (a number or a Float32Array of length 1)', `Float32Array(${a.length})`);
      action[0] = typeof a === 'number' ? a : a[0];
      const r = env.step(action, one);
      const terminated = r.terminated[0] === 1;
      const truncated = r.truncated[0] === 1;
      done = terminated || truncated;
      return { observation: Float32Array.from(r.observations), reward: r.rewards[0], done, terminated, truncated };
    },
  };
}
