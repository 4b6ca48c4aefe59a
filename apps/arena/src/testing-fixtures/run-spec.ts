import type { RunSpec } from '../experiment/experiment.js';

/** A run of `trainerId` with its default config on `taskId` (named `task`), seed 0, 10 curve points; `over` replaces any field. */
export const runSpec = (
  trainerId: string,
  taskId: string,
  budget: RunSpec['budget'],
  over: Partial<RunSpec> & { task?: string } = {},
): RunSpec => {
  const task = over.task ?? taskId;
  return {
    runId: `${task}/${trainerId}/0`,
    index: 0,
    task,
    taskId,
    taskOptions: {},
    trainer: trainerId,
    trainerId,
    config: {},
    seed: 0,
    taskSeed: 0,
    budget,
    curvePoints: 10,
    boundaryGrid: 4,
    ...over,
  };
};
