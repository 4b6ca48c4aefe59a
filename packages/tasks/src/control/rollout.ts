import type { ControlTask } from '@evoprop/core';

/** A controller: observation in, action out (a discrete index or a continuous vector). */
export type Policy = (observation: Float32Array) => number | Float32Array;

/** The outcome of one episode. */
export type Rollout = Readonly<{
  /** Steps taken before the episode ended. */
  steps: number;
  /** Sum of the rewards. */
  return: number;
  /** The task's `episodeFitness` when it has one, else the return. */
  fitness: number;
}>;

/**
 * Run one seeded episode and score it: `fitness` is the task's `episodeFitness` when it has one
 * (the damping fitness of double-pole-nv), else the return. The history handed to
 * `episodeFitness` holds each step's full `state` where the environment reports one.
 *
 * @example
 * const task = createControlTask('cart-pole', 1);
 * rollout(task, (obs) => (obs[2] > 0 ? 1 : 0), 0).return; // steps balanced
 */
export function rollout(task: ControlTask, policy: Policy, episodeSeed: number): Rollout {
  const env = task.createEnvironment();
  let observation = env.reset(episodeSeed);
  const history: Float32Array[] = [];
  let steps = 0;
  let total = 0;
  for (;;) {
    const result = env.step(policy(observation));
    steps++;
    total += result.reward;
    observation = result.observation;
    if (task.episodeFitness !== undefined)
      history.push('state' in result && result.state instanceof Float32Array ? result.state : result.observation);
    if (result.done || steps >= task.maxSteps) break;
  }
  return { steps, return: total, fitness: task.episodeFitness === undefined ? total : task.episodeFitness(steps, total, history) };
}
