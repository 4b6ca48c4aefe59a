import type { Budget } from '@evoprop/core';

export type TaskPlan = Readonly<{ id: string; budget: Budget }>;
export type TrainerPlan = Readonly<{ id: string; label: string; config: Readonly<Record<string, unknown>> }>;

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
}>;

/** One run of the experiment: a task × trainer × seed cell. */
export type RunSpec = Readonly<{
  runId: string;
  /** Position in the canonical order (task, trainer, seed), which every results file is sorted by. */
  index: number;
  task: string;
  trainer: string;
  trainerId: string;
  config: Readonly<Record<string, unknown>>;
  seed: number;
  taskSeed: number;
  budget: Budget;
  curvePoints: number;
  boundaryGrid: number;
}>;

/** Expand an experiment into its runs, in canonical order. */
export function planRuns(experiment: Experiment): RunSpec[] {
  const runs: RunSpec[] = [];
  for (const task of experiment.tasks) {
    for (const trainer of experiment.trainers) {
      for (const seed of experiment.seeds) {
        runs.push({
          runId: `${task.id}/${trainer.label}/${seed}`,
          index: runs.length,
          task: task.id,
          trainer: trainer.label,
          trainerId: trainer.id,
          config: trainer.config,
          seed,
          taskSeed: experiment.taskSeed === 'per-seed' ? seed : experiment.taskSeed,
          budget: task.budget,
          curvePoints: experiment.curvePoints,
          boundaryGrid: experiment.boundaryGrid,
        });
      }
    }
  }
  return runs;
}
