import { type Executor, inlineExecutor, type Task } from '@evoprop/core';
import { evaluationPool } from '#threads';
import { WorkerEvaluationError } from '../errors.js';
import type { OpenAiEsRecipe } from '../strategies/openai-es.js';
import { type ChunkOutput, chunkedEvaluation } from './chunks.js';
import { type CandidateResult, type EvaluationContext, evaluateCandidates } from './fitness.js';
import type { EvaluationJob, WorkerContextSpec } from './worker.js';

/** Evaluates a generation's parameter vectors, returning results in the order given. */
export interface PopulationEvaluator {
  /** True when FLOPs happen off this thread (and must be added to the meter by hand). */
  readonly remote: boolean;
  /**
   * Fitness of each vector of generation `generation`, in order, and the FLOPs spent. `recipe`, when
   * given, rebuilds the same vectors from seeds (OpenAI-ES with indexed noise); an evaluator may
   * send it instead of the vectors. `horizon` (control tasks) cuts every episode at that many steps:
   * a generation truncated by the budget.
   */
  evaluate(
    generation: number,
    vectors: Float32Array[],
    recipe?: OpenAiEsRecipe | null,
    horizon?: number,
  ): Promise<{
    /** One result per vector, in order. */
    results: CandidateResult[];
    /** FLOPs spent, over all threads. */
    flops: number;
  }>;
  /** Release threads and other resources; the evaluator is unusable afterwards. */
  close(): Promise<void>;
}

type Evaluations = Executor<EvaluationJob, ChunkOutput<CandidateResult>>;

/** A {@link PopulationEvaluator} over any executor: one job per contiguous chunk, answers joined in chunk order. */
function executorEvaluator(executor: Evaluations, remote: boolean): PopulationEvaluator {
  const evaluate = chunkedEvaluation<Float32Array, EvaluationJob, CandidateResult>(executor, {
    name: 'evaluation',
    remote,
    payload: ({ first, items }, chunk, generation, horizon): EvaluationJob => ({
      generation,
      chunk,
      firstIndex: first,
      vectors: items,
      ...(horizon === undefined ? {} : { horizon }),
    }),
    // Off this thread, name the candidate and the attempts.
    remoteError: (e, { first }, generation) => new WorkerEvaluationError(generation, first, e.attempts, e.cause),
  });
  return {
    remote,
    evaluate: (generation, vectors, _recipe, horizon) => evaluate(generation, vectors, horizon),
    close: () => executor.close(),
  };
}

/** Evaluates in this thread, with `ctx`'s scratch model. */
export function inProcessEvaluator(ctx: EvaluationContext): PopulationEvaluator {
  return executorEvaluator(
    inlineExecutor((job: EvaluationJob) => evaluateCandidates(ctx, job.generation, job.vectors, job.firstIndex, job.horizon)),
    false,
  );
}

/** Options of {@link workerPoolEvaluator}. */
export type WorkerPoolOptions = Readonly<{
  /** Worker threads, an integer ≥ 1; each generation is split into this many contiguous chunks. */
  workers: number;
  /** What each worker rebuilds its task, model and fitness settings from. */
  context: WorkerContextSpec;
  /** Extra attempts for a chunk whose worker threw or died. */
  maxRetries: number;
  /** Called before each retry of a failed chunk (attempt counts from 1), e.g. to log a warning. */
  onRetry?: (generation: number, chunk: number, attempt: number, error: unknown) => void;
  /** The task itself, which a browser's Web Workers get as data (Node's threads rebuild it from `context.taskSpec`). Needed in a browser. */
  task?: Task;
}>;

/**
 * Splits each generation into one contiguous chunk per worker thread and concatenates the
 * results in chunk order, so the fitness vector is identical for any worker count. Each thread
 * rebuilds the task and model from `context` once; a chunk whose worker threw or died is
 * retried up to `maxRetries` times. Node runs them on worker threads (`threadExecutor`), a browser on
 * Web Workers (`webWorkerExecutor`), chosen by the `browser` condition of `#threads`.
 */
export function workerPoolEvaluator(options: WorkerPoolOptions): PopulationEvaluator {
  const executor: Evaluations = evaluationPool(
    {
      workers: options.workers,
      maxRetries: options.maxRetries,
      onRetry: (job, attempt, error) => options.onRetry?.(job.generation, job.chunk, attempt - 1, error),
    },
    options.context,
    options.task,
  );
  return executorEvaluator(executor, true);
}
