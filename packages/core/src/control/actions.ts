import type { ControlTask } from '../contract/task.js';

/**
 * The one rule that turns a model's outputs into an action, used by every trainer and the
 * arena: continuous tasks take the first `actionSize` outputs as the action vector; discrete
 * tasks take the argmax (the first of equal maxima), or, with a single output, 1 where it is
 * above 0 and 0 otherwise. Reads `outputs[from ...]`, writes the action row at `actions[to ...]`.
 */
export function writeAction(task: ControlTask, outputs: ArrayLike<number>, from: number, actions: Float32Array, to: number): void {
  const k = task.actionSize;
  if (task.actionKind === 'continuous') {
    for (let j = 0; j < k; j++) actions[to + j] = outputs[from + j];
    return;
  }
  if (k === 1) {
    actions[to] = outputs[from] > 0 ? 1 : 0;
    return;
  }
  let best = 0;
  for (let j = 1; j < k; j++) if (outputs[from + j] > outputs[from + best]) best = j;
  actions[to] = best;
}
