import type { LossId, Split } from '@evoprop/core';
import type { BuiltSupervisedTask } from '../spec.js';

export type Splits = Readonly<{ train: Split; validation: Split; test: Split }>;
/** A supervised task as a builder returns it; `createTask` adds the spec. */
export type SupervisedBuild = Omit<BuiltSupervisedTask, 'spec'>;

type Common = Readonly<{
  id: string;
  seed: number;
  description: string;
  inputShape: readonly number[];
  splits: Splits;
  solvedAt?: number;
}>;

/** The fields every supervised task starts with, in this order (the determinism hashes read them in order). */
const head = (c: Common) => ({
  kind: 'supervised' as const,
  id: c.id,
  seed: c.seed,
  description: c.description,
  inputShape: c.inputShape,
});

/** Classification with class-index targets [n], softmax cross-entropy and accuracy. */
export function classificationTask(
  c: Common & Readonly<{ classes: number; classLabels?: readonly number[]; targetShape?: readonly number[] }>,
): SupervisedBuild {
  return {
    ...head(c),
    outputSize: c.classes,
    problem: 'classification',
    loss: 'softmax-cross-entropy',
    metric: 'accuracy',
    ...c.splits,
    ...(c.solvedAt === undefined ? {} : { solvedAt: c.solvedAt }),
    ...(c.classLabels === undefined ? {} : { classLabels: c.classLabels }),
    ...(c.targetShape === undefined ? {} : { targetShape: c.targetShape }),
  };
}

/** Regression with targets [n, outputs] and mean squared error (or another loss, e.g. BCE for 0/1 targets). */
export function regressionTask(c: Common & Readonly<{ outputs: number; loss?: LossId }>): SupervisedBuild {
  return {
    ...head(c),
    outputSize: c.outputs,
    problem: 'regression',
    loss: c.loss ?? 'mse',
    metric: 'mse',
    ...c.splits,
    ...(c.solvedAt === undefined ? {} : { solvedAt: c.solvedAt }),
  };
}
