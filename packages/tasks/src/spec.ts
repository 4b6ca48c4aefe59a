import type { ControlTask, ObjectiveTask, SupervisedTask } from '@evoprop/core';
import type { UnsupervisedInfo } from './unsupervised/reconstruction.js';

/**
 * Everything needed to rebuild a task: `createTask(spec.id, spec.seed, spec.options)`.
 * JSON-able, so a worker thread or another machine can rebuild the same task.
 */
export type TaskSpec = Readonly<{
  /** Registry id, e.g. `'spirals'`. */
  id: string;
  /** The seed the task was built from. */
  seed: number;
  /** The parsed options (defaults filled in). */
  options: Readonly<Record<string, unknown>>;
}>;

/** Fields this package adds to the core Task contract (all optional there). */
export type TaskExtras = Readonly<{
  /** How to rebuild this task anywhere. */
  spec: TaskSpec;
}>;

/** A supervised task built by this package: the core contract plus its spec and target details. */
export type BuiltSupervisedTask = SupervisedTask &
  TaskExtras &
  Readonly<{
    /** Per-sample target shape when it is not `[]` (class index) or `[outputSize]`: `[time]` for per-step classes. */
    targetShape?: readonly number[];
    /** Original label of each class index, where classes were remapped (split-MNIST: [5, 6, 7, 8, 9]). */
    classLabels?: readonly number[];
    /** Text tasks: the token each input id stands for (id 0 is padding), to decode inputs and samples. */
    tokens?: readonly string[];
    /** Present on unsupervised tasks (targets are the clean inputs): the objective, the noise, and labels for probes only. */
    unsupervised?: UnsupervisedInfo;
  }>;
/** A control task built by this package: the core contract plus its spec. */
export type BuiltControlTask = ControlTask & TaskExtras;
/** An objective task built by this package: the core contract plus its spec, optimum point and search box. */
export type BuiltObjectiveTask = ObjectiveTask &
  TaskExtras &
  Readonly<{
    /** Where the known minimum is. */
    optimumPoint: Float64Array;
    /** Conventional search box [lower, upper] per coordinate. */
    bounds: readonly [number, number];
  }>;
/** Any task built by this package, told apart by `kind`. */
export type BuiltTask = BuiltSupervisedTask | BuiltControlTask | BuiltObjectiveTask;
