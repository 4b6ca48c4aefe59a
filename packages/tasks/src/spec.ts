import type { ControlTask, ObjectiveTask, SupervisedTask } from '@evoprop/core';

/**
 * Everything needed to rebuild a task: `createTask(spec.id, spec.seed, spec.options)`.
 * JSON-able, so a worker thread or another machine can rebuild the same task.
 */
export type TaskSpec = Readonly<{ id: string; seed: number; options: Readonly<Record<string, unknown>> }>;

/** Fields this package adds to the core Task contract (all optional there). */
export type TaskExtras = Readonly<{ spec: TaskSpec }>;

export type BuiltSupervisedTask = SupervisedTask &
  TaskExtras &
  Readonly<{
    /** Per-sample target shape when it is not `[]` (class index) or `[outputSize]`: `[time]` for per-step classes. */
    targetShape?: readonly number[];
    /** Original label of each class index, where classes were remapped (split-MNIST: [5, 6, 7, 8, 9]). */
    classLabels?: readonly number[];
  }>;
export type BuiltControlTask = ControlTask & TaskExtras;
export type BuiltObjectiveTask = ObjectiveTask &
  TaskExtras &
  Readonly<{
    /** Where the known minimum is. */
    optimumPoint: Float64Array;
    /** Conventional search box [lower, upper] per coordinate. */
    bounds: readonly [number, number];
  }>;
export type BuiltTask = BuiltSupervisedTask | BuiltControlTask | BuiltObjectiveTask;
