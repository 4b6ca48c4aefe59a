import { createSupervisedTask, type TaskOptions } from '../registry/registry.js';
import type { BuiltSupervisedTask } from '../spec.js';

/**
 * The two-task split-MNIST of transfer experiments: digits 0–4, then 5–9, built with the same
 * seed and options. With `labels: 'original'` both keep the digit as class index (10 outputs each).
 *
 * @example
 * const { first, second } = createSplitMnist(1, { trainSize: 5000, labels: 'original' });
 */
export function createSplitMnist(
  seed: number,
  options: Omit<TaskOptions<'split-mnist'>, 'digits'> = {},
): Readonly<{
  /** Digits 0–4. */
  first: BuiltSupervisedTask;
  /** Digits 5–9. */
  second: BuiltSupervisedTask;
}> {
  return {
    first: createSupervisedTask('split-mnist', seed, { ...options, digits: [0, 1, 2, 3, 4] }),
    second: createSupervisedTask('split-mnist', seed, { ...options, digits: [5, 6, 7, 8, 9] }),
  };
}
