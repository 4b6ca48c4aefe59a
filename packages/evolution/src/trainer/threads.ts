/**
 * Where the evolution trainer's and NEAT's worker pools run, in Node: worker threads
 * (`threadExecutor`), each rebuilding the task from its spec. A browser bundle resolves
 * `#evolution/threads` to `threads.browser.ts` (Web Workers) instead.
 */
import type { Executor, Task } from '@evoprop/core';
import { threadExecutor } from '@evoprop/core/executor-node';
import type { NeatWorkerContext, NeatWorkerJob, NeatWorkerResult } from '../neat/neat-worker.js';
import type { ChunkOutput } from './chunks.js';
import type { CandidateResult } from './fitness.js';
import type { EvaluationJob, WorkerContextSpec } from './worker.js';

/** Options of a pool: threads, retries, and who hears of a retry. */
export type PoolOptions<J> = Readonly<{
  workers: number;
  maxRetries: number;
  onRetry?: (job: J, attempt: number, error: unknown) => void;
}>;

const fromSource = import.meta.url.endsWith('.ts');

/** The evolution trainer's evaluation pool; `task` is the task `context.taskSpec` rebuilds (unused on threads). */
export function evaluationPool(
  options: PoolOptions<EvaluationJob>,
  context: WorkerContextSpec,
  _task: Task | undefined,
): Executor<EvaluationJob, ChunkOutput<CandidateResult>> {
  return threadExecutor({
    workers: options.workers,
    module: new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url),
    init: context,
    maxRetries: options.maxRetries,
    onRetry: (job, attempt, error) => options.onRetry?.(job.payload as EvaluationJob, attempt, error.cause),
  });
}

/** NEAT's scoring pool; `task` is the task `context.taskSpec` rebuilds (unused on threads). */
export function scoringPool(
  options: PoolOptions<NeatWorkerJob>,
  context: NeatWorkerContext,
  _task: Task,
): Executor<NeatWorkerJob, NeatWorkerResult> {
  return threadExecutor({
    workers: options.workers,
    module: new URL(fromSource ? '../neat/neat-worker.ts' : '../neat/neat-worker.js', import.meta.url),
    init: context,
    maxRetries: options.maxRetries,
  });
}
