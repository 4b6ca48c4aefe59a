import { type ControlTask, type Model, type ObjectiveTask, modelPolicy, rollout } from '@evoprop/core';
import { Rng } from '@evoprop/tensor';

/**
 * Mean undiscounted return of `model` over `episodes` seeded episodes, computed by the arena so that
 * every trainer is scored by the same rule (trainers may report a shaped fitness instead). The
 * episodes run side by side through core's `rollout`, actions by its one output rule.
 * The episode seeds depend only on the task seed, so every trainer faces the same starts.
 */
export function meanReturn(model: Model, task: ControlTask, episodes = 5): number {
  const seedRng = Rng.fromSeed(`arena/episodes/${task.seed}`);
  const seeds = Array.from({ length: episodes }, () => seedRng.int(0, 2 ** 31 - 1));
  let total = 0;
  for (const episode of rollout(task, modelPolicy(model, task), seeds)) total += episode.return;
  return total / episodes;
}

/** An objective task's value at the model's parameter vector (the solution). */
export const objectiveValue = (model: Model, task: ObjectiveTask): number => task.evaluate(model.params.vector);
