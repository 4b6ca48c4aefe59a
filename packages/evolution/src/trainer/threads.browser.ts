/**
 * Where the evolution trainer's and NEAT's worker pools run in a browser: Web Workers
 * (`webWorkerExecutor`), each given the task as data. Same chunks, same order, same results as
 * on Node's worker threads (`threads.ts`); supervised tasks only.
 */
import type { Executor, Task } from '@evoprop/core';
import { webWorkerExecutor } from '@evoprop/core/executor-web';
import type { NeatWorkerContext, NeatWorkerJob, NeatWorkerResult } from '../neat/neat-worker.js';
import type { ChunkOutput } from './chunks.js';
import type { CandidateResult } from './fitness.js';
import { toPlainTask } from './plain-task.js';
import type { PoolOptions } from './threads.js';
import type { EvaluationJob, WorkerContextSpec } from './worker.js';

export type { PoolOptions } from './threads.js';

/** The evolution trainer's evaluation pool on Web Workers, each sent `task`'s data. */
export function evaluationPool(
  options: PoolOptions<EvaluationJob>,
  context: WorkerContextSpec,
  task: Task | undefined,
): Executor<EvaluationJob, ChunkOutput<CandidateResult>> {
  return webWorkerExecutor({
    workers: options.workers,
    create: () => new Worker(new URL('./worker.web.js', import.meta.url), { type: 'module' }),
    init: { ...context, task: toPlainTask(task, 'workerPoolEvaluator') },
    maxRetries: options.maxRetries,
    onRetry: (job, attempt, error) => options.onRetry?.(job.payload as EvaluationJob, attempt, error.cause),
  });
}

/** NEAT's scoring pool on Web Workers, each sent `task`'s data. */
export function scoringPool(
  options: PoolOptions<NeatWorkerJob>,
  context: NeatWorkerContext,
  task: Task,
): Executor<NeatWorkerJob, NeatWorkerResult> {
  return webWorkerExecutor({
    workers: options.workers,
    create: () => new Worker(new URL('../neat/neat-worker.web.js', import.meta.url), { type: 'module' }),
    init: { ...context, task: toPlainTask(task, 'NeatTrainer') },
    maxRetries: options.maxRetries,
  });
}
