import { actionWidth, type ControlTask, type Episode, rollout as rolloutEpisodes } from '@evoprop/core';

/** A hand-written controller: observation in, action out (a discrete index or a continuous vector). */
export type Controller = (observation: Float32Array) => number | Float32Array;

/** @deprecated Use {@link Controller} (`Policy` is `@evoprop/core`'s vectorised policy of `rollout`). */
export type Policy = Controller;

/** @deprecated Use `Episode` of `@evoprop/core` (steps, return, fitness, terminated, truncated). */
export type Rollout = Episode;

/**
 * Run one seeded episode of a hand-written controller and score it: `fitness` is the task's
 * `episodeFitness` when it has one (the damping fitness of double-pole-nv), else the return.
 * The episode is run by `@evoprop/core`'s `rollout`, the one every trainer and the arena use.
 *
 * @example
 * const task = createControlTask('cart-pole', 1);
 * playEpisode(task, (obs) => (obs[2] > 0 ? 1 : 0), 0).return; // steps balanced
 */
export function playEpisode(task: ControlTask, controller: Controller, episodeSeed: number): Episode {
  const width = actionWidth(task);
  const [episode] = rolloutEpisodes(
    task,
    {
      act(observations, envs, actions) {
        for (let r = 0; r < envs.length; r++) {
          const a = controller(observations.slice(r * task.observationSize, (r + 1) * task.observationSize));
          if (typeof a === 'number') actions[r * width] = a;
          else actions.set(a.subarray(0, width), r * width);
        }
      },
    },
    [episodeSeed],
  );
  return episode;
}

/** @deprecated Use {@link playEpisode} (`rollout` is `@evoprop/core`'s vectorised rollout of many seeds). */
export const rollout = playEpisode;
