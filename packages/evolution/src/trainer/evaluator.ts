import Tinypool from 'tinypool';
import { WorkerEvaluationError } from '../errors.js';
import { type CandidateResult, type EvaluationContext, evaluateCandidates } from './fitness.js';
import type { WorkerContextSpec, WorkerJob, WorkerResult } from './worker.js';

/** Evaluates a generation's parameter vectors, returning results in the order given. */
export interface PopulationEvaluator {
  /** True when FLOPs happen off this thread (and must be added to the meter by hand). */
  readonly remote: boolean;
  /** Fitness of each vector of generation `generation`, in order, and the FLOPs spent. */
  evaluate(
    generation: number,
    vectors: Float32Array[],
  ): Promise<{
    /** One result per vector, in order. */
    results: CandidateResult[];
    /** FLOPs spent, over all threads. */
    flops: number;
  }>;
  /** Release threads and other resources; the evaluator is unusable afterwards. */
  close(): Promise<void>;
}

/** Evaluates in this thread, with `ctx`'s scratch model. */
export function inProcessEvaluator(ctx: EvaluationContext): PopulationEvaluator {
  return {
    remote: false,
    evaluate: async (generation, vectors) => evaluateCandidates(ctx, generation, vectors),
    close: async () => {},
  };
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
}>;

const fromSource = import.meta.url.endsWith('.ts');

/**
 * Splits each generation into one contiguous chunk per worker and concatenates the
 * results in chunk order, so the fitness vector is identical for any worker count.
 */
export function workerPoolEvaluator(options: WorkerPoolOptions): PopulationEvaluator {
  const pool = new Tinypool({
    filename: new URL(fromSource ? './worker-tsx.mjs' : './worker.js', import.meta.url).href,
    minThreads: options.workers,
    maxThreads: options.workers,
    // Source mode resolves workspace packages to their TypeScript entry points.
    execArgv: fromSource ? ['--conditions=@evoprop/source'] : [],
  });
  const key = JSON.stringify(options.context);
  let closing = false;
  const watched = new WeakSet<object>();
  // A worker thread that calls process.exit (or is killed) fires 'exit' but not 'error', and
  // tinypool would wait for its task forever. Re-emitting it as 'error' makes tinypool reject
  // that thread's tasks and start a replacement, as it already does for child processes.
  const watchThreads = () => {
    for (const thread of pool.threads) {
      if (watched.has(thread)) continue;
      watched.add(thread);
      thread.once('exit', (code: number) => {
        if (!closing) thread.emit('error', new Error(`worker thread exited unexpectedly with code ${code}`));
      });
    }
  };
  return {
    remote: true,
    async evaluate(generation, vectors) {
      watchThreads();
      const size = Math.ceil(vectors.length / options.workers);
      const chunks: Float32Array[][] = [];
      for (let i = 0; i < vectors.length; i += size) chunks.push(vectors.slice(i, i + size));
      const outputs = await Promise.all(
        chunks.map(async (chunk, c) => {
          let lastError: unknown;
          for (let attempt = 0; attempt <= options.maxRetries; attempt++) {
            try {
              watchThreads();
              const job: WorkerJob = { key, context: options.context, generation, firstIndex: c * size, vectors: chunk };
              return (await pool.run(job)) as WorkerResult;
            } catch (error) {
              lastError = error;
              if (attempt < options.maxRetries) options.onRetry?.(generation, c, attempt + 1, error);
            }
          }
          throw new WorkerEvaluationError(generation, c * size, options.maxRetries + 1, lastError);
        }),
      );
      return { results: outputs.flatMap((o) => o.results), flops: outputs.reduce((s, o) => s + o.flops, 0) };
    },
    close: () => {
      closing = true;
      return pool.destroy();
    },
  };
}
