import type { Split, SupervisedTask } from '@evoprop/core';
import { Tensor } from '@evoprop/tensor';
import { EvolutionError } from '../errors.js';

type PlainSplit = Readonly<{ x: Float32Array; xShape: readonly number[]; y: Float32Array; yShape: readonly number[] }>;

/** A supervised task as structured-cloneable data: what a Web Worker gets instead of a spec to rebuild from. */
export type PlainSupervisedTask = Readonly<
  Omit<SupervisedTask, 'train' | 'validation' | 'test'> & { train: PlainSplit; validation: PlainSplit; test: PlainSplit }
>;

const plainSplit = (s: Split): PlainSplit => ({ x: s.x.data, xShape: [...s.x.shape], y: s.y.data, yShape: [...s.y.shape] });
const split = (p: PlainSplit): Split => ({ x: new Tensor(p.x, [...p.xShape]), y: new Tensor(p.y, [...p.yShape]) });

/**
 * `task` as plain data, for a Web Worker (a browser has no module specifier to rebuild a task from);
 * `who` names the caller in the error for a task that is not supervised (its environments or
 * objective functions cannot be cloned).
 */
export function toPlainTask(task: { kind: string; id: string } | undefined, who: string): PlainSupervisedTask {
  if (task === undefined) throw new EvolutionError(who, 'the task (options.task) to send to the Web Workers in a browser', 'none');
  if (task.kind !== 'supervised')
    throw new EvolutionError(
      who,
      'a supervised task when workers > 0 in a browser (its data is sent to the Web Workers); or workers: 0, or an executor of Web Workers serving remoteEvaluationHandler(4, createTaskFromSpec)',
      `${task.kind} task '${task.id}'`,
    );
  const t = task as SupervisedTask;
  const { train, validation, test, ...rest } = t;
  // Only data crosses: anything else a task object carries (a spec, functions) stays here.
  return {
    id: rest.id,
    seed: rest.seed,
    description: rest.description,
    ...(rest.solvedAt === undefined ? {} : { solvedAt: rest.solvedAt }),
    kind: 'supervised',
    inputShape: [...rest.inputShape],
    outputSize: rest.outputSize,
    problem: rest.problem,
    loss: rest.loss,
    metric: rest.metric,
    train: plainSplit(train),
    validation: plainSplit(validation),
    test: plainSplit(test),
  };
}

/** The task {@link toPlainTask} described, with tensors over the same data. */
export const fromPlainTask = (p: PlainSupervisedTask): SupervisedTask => ({
  ...p,
  train: split(p.train),
  validation: split(p.validation),
  test: split(p.test),
});
