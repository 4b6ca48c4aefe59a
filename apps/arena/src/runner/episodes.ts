import type { ControlTask, Model, ObjectiveTask } from '@evoprop/core';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';

/**
 * Mean undiscounted return of `model` over `episodes` seeded episodes, computed by the arena so that
 * every trainer is scored by the same rule (trainers may report a shaped fitness instead).
 * The episode seeds depend only on the task seed, so every trainer faces the same starts.
 */
export function meanReturn(model: Model, task: ControlTask, episodes = 5): number {
  const seeds = Rng.fromSeed(`arena/episodes/${task.seed}`);
  const env = task.createEnvironment();
  let total = 0;
  for (let e = 0; e < episodes; e++) {
    let obs = env.reset(seeds.int(0, 2 ** 31 - 1));
    let sum = 0;
    for (let t = 0; t < task.maxSteps; t++) {
      const out = noGrad(() => model.forward(new Tensor(Float32Array.from(obs), [1, obs.length]), 'eval')).data;
      let action: number | Float32Array;
      if (task.actionKind === 'continuous') action = Float32Array.from(out.subarray(0, task.actionSize));
      else if (task.actionSize === 1) action = (out[0] as number) > 0 ? 1 : 0;
      else {
        let best = 0;
        for (let j = 1; j < task.actionSize; j++) if ((out[j] as number) > (out[best] as number)) best = j;
        action = best;
      }
      const r = env.step(action);
      sum += r.reward;
      obs = r.observation;
      if (r.done) break;
    }
    total += sum;
  }
  return total / episodes;
}

/** An objective task's value at the model's parameter vector (the solution). */
export const objectiveValue = (model: Model, task: ObjectiveTask): number => task.evaluate(model.params.vector);
