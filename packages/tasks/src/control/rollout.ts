import { actionWidth, type ControlTask, rollout as rolloutEpisodes } from '@evoprop/core';

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
  /** The episode ended in a terminal state (a pole fell). */
  terminated: boolean;
  /** The episode was cut at `task.maxSteps` without a terminal state. */
  truncated: boolean;
}>;

/**
 * Run one seeded episode of a hand-written controller and score it: `fitness` is the task's
 * `episodeFitness` when it has one (the damping fitness of double-pole-nv), else the return.
 * The episode is run by `@evoprop/core`'s `rollout`, the one every trainer and the arena use.
 *
 * @example
 * const task = createControlTask('cart-pole', 1);
 * rollout(task, (obs) => (obs[2] > 0 ? 1 : 0), 0).return; // steps balanced
 */
export function rollout(task: ControlTask, policy: Policy, episodeSeed: number): Rollout {
  const width = actionWidth(task);
  const [episode] = rolloutEpisodes(
    task,
    {
      act(observations, envs, actions) {
        for (let r = 0; r < envs.length; r++) {
          const a = policy(observations.slice(r * task.observationSize, (r + 1) * task.observationSize));
          if (typeof a === 'number') actions[r * width] = a;
          else actions.set(a.subarray(0, width), r * width);
        }
      },
    },
    [episodeSeed],
  );
  return episode;
}
