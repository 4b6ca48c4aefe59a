import { type ControlTask, type Model, modelPolicy, rollout } from '@evoprop/core';
import { Rng } from '@evoprop/tensor';

/** Seeds of the held-out evaluation episodes of a run: fixed for the run, apart from its training episodes. */
export function evaluationSeeds(runSeed: string, episodes: number): number[] {
  const rng = Rng.fromSeed(runSeed).fork('evaluation-episodes');
  return Array.from({ length: episodes }, () => rng.int(0, 2 ** 31 - 1));
}

/**
 * Mean undiscounted return (the arena's headline metric for control tasks) and mean length of
 * the greedy policy (argmax, or the Gaussian's mean) over the episodes of `seeds`.
 */
export function evaluatePolicy(task: ControlTask, model: Model, seeds: readonly number[]): { return: number; steps: number } {
  const episodes = rollout(task, modelPolicy(model, task), seeds);
  let total = 0;
  let steps = 0;
  for (const e of episodes) {
    total += e.return;
    steps += e.steps;
  }
  return { return: total / episodes.length, steps: steps / episodes.length };
}
