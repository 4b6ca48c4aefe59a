import type { Budget, TargetMetric } from '@evoprop/core';
import type { SearchPoint, SearchSpace } from '@evoprop/core/config';

export type TaskPlan = Readonly<{
  id: string;
  label: string;
  options: Readonly<Record<string, unknown>>;
  budget: Budget;
  target?: TargetMetric;
  /** The task's own network (see `taskModelSchema`), absent for the trainers' defaults. */
  model?: TaskModel;
}>;
/** A sequential stack of layer specs over a task's inputs, built per run from the run's seed. */
export type TaskModel = Readonly<{ layers: readonly Readonly<Record<string, unknown>>[] }>;
export type StartModel = Readonly<{ pretrained: string; head: Readonly<{ replace: boolean }>; freeze: readonly string[] }>;
/** One tuning configuration: the search-space point and the config it makes (trial 0: the experiment's own, an empty point). */
export type TuningTrial = Readonly<{ point: SearchPoint; config: Readonly<Record<string, unknown>> }>;
export type TrainerPlan = Readonly<{
  id: string;
  label: string;
  config: Readonly<Record<string, unknown>>;
  start?: StartModel;
  /** With `--tune`: the trainer's search space and its trials (see `tuning/plan.ts`). */
  tuning?: Readonly<{ space: SearchSpace; trials: readonly TuningTrial[] }>;
}>;

/** `--tune N`: N random-search trials per trainer on `seeds` (disjoint from the evaluation seeds), scored on the validation split. */
export type TuningPlan = Readonly<{
  method: 'random-search';
  trials: number;
  seeds: readonly number[];
  /** Add each trainer's tuning cost to its tuned cost in the report (`--charge-tuning`). */
  chargeTuning: boolean;
}>;

/** A run's part in tuning: a trial of trainer `of` (scored on validation), or `of`'s tuned configuration on an evaluation seed. */
export type RunTuning = Readonly<{ role: 'trial' | 'tuned'; of: string; trial: number; point: SearchPoint }>;

/** A declared runtime comparison (see `comparisonSchema`): labels of a trainer, its opponents and the tasks. */
export type Comparison = Readonly<{ trainer: string; against: readonly string[]; tasks: readonly string[]; target?: number }>;

/** A validated, fully resolved experiment: what `run` executes and what a results file records. */
export type Experiment = Readonly<{
  name: string;
  description?: string;
  tasks: readonly TaskPlan[];
  trainers: readonly TrainerPlan[];
  seeds: readonly number[];
  budget: Budget;
  taskSeed: 'per-seed' | number;
  curvePoints: number;
  boundaryGrid: number;
  /** Runtime comparisons the report tests (absent: none). */
  comparisons?: readonly Comparison[];
  /** Present when the experiment tunes every trainer first (`--tune`). */
  tune?: TuningPlan;
}>;

/** One run of the experiment: a task × trainer × seed cell. */
export type RunSpec = Readonly<{
  runId: string;
  /** Position in the canonical order (task, trainer, seed), which every results file is sorted by. */
  index: number;
  /** Task label (its id unless the experiment names variants). */
  task: string;
  taskId: string;
  taskOptions: Readonly<Record<string, unknown>>;
  trainer: string;
  trainerId: string;
  config: Readonly<Record<string, unknown>>;
  /** Start from this model instead of the trainer's fresh one. */
  start?: StartModel;
  /** The task's own network, built fresh from the run's seed (a `start` wins). */
  taskModel?: TaskModel;
  seed: number;
  taskSeed: number;
  budget: Budget;
  /** Success criterion that does not stop the run (the budget's target, if any, wins). */
  target?: TargetMetric;
  curvePoints: number;
  boundaryGrid: number;
  /** Present for tuning trials and tuned runs. */
  tuning?: RunTuning;
}>;

/** Expand an experiment into its runs, in canonical order. */
export function planRuns(experiment: Experiment): RunSpec[] {
  const runs: RunSpec[] = [];
  for (const task of experiment.tasks) {
    for (const trainer of experiment.trainers) {
      for (const seed of experiment.seeds) {
        runs.push({
          runId: `${task.label}/${trainer.label}/${seed}`,
          index: runs.length,
          task: task.label,
          taskId: task.id,
          taskOptions: task.options,
          trainer: trainer.label,
          trainerId: trainer.id,
          config: trainer.config,
          ...(trainer.start !== undefined ? { start: trainer.start } : {}),
          ...(task.model !== undefined ? { taskModel: task.model } : {}),
          seed,
          taskSeed: experiment.taskSeed === 'per-seed' ? seed : experiment.taskSeed,
          budget: task.budget,
          ...(task.target !== undefined ? { target: task.target } : {}),
          curvePoints: experiment.curvePoints,
          boundaryGrid: experiment.boundaryGrid,
        });
      }
    }
  }
  return runs;
}
