import type { ControlTask } from '@evoprop/core';
import { createControlTask } from '@evoprop/tasks';

/** Short cart-pole episodes (50 steps), so conformance runs take well under a second each. */
export const shortCartPole = (seed = 7): ControlTask => createControlTask('cart-pole', seed, { maxSteps: 50 });

/** Continuous short cart-pole (one value in [0, 1] mapped to ±10 N). */
export const shortContinuousCartPole = (seed = 7): ControlTask =>
  createControlTask('cart-pole', seed, { maxSteps: 50, actions: 'continuous' });

/** Cart-pole (or `base`) whose rewards are NaN: a trainer must end the run as 'diverged', not throw. */
export function nanRewardTask(seed = 7, base: ControlTask = shortCartPole(seed)): ControlTask {
  return {
    ...base,
    id: 'nan-reward-cart-pole',
    description: 'cart-pole with NaN rewards (a diverging setup)',
    createEnvironment: () => {
      const env = base.createEnvironment();
      return { reset: (s) => env.reset(s), step: (a) => ({ ...env.step(a), reward: Number.NaN }) };
    },
    createVectorEnvironment: undefined,
  };
}
