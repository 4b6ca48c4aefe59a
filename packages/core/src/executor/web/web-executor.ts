import { type ExecutorOptions, createExecutor } from '../create-executor.js';
import type { AttemptRunner, Executor } from '../job.js';
import type { JobErrorKind } from '../job-error.js';
import type { FromThread, ToThread } from '../messages.js';
import { slotRunner } from '../slot-runner.js';

/** The part of a Web Worker this executor uses (the DOM's `Worker` fits; tests may pass a fake). */
export type WebWorkerLike = {
  /** Sends a structured-cloneable message to the worker. */
  postMessage(message: unknown): void;
  /** Stops the worker at once. */
  terminate(): void;
  /** Listens to the worker's messages. */
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  /** Listens to the worker's uncaught errors and undecodable messages. */
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string }) => void): void;
};

/** Options of {@link webWorkerExecutor}. */
export type WebWorkerExecutorOptions<I> = ExecutorOptions &
  Readonly<{
    /** Web Workers, an integer ≥ 1; started on demand and kept until `close()`. */
    workers: number;
    /**
     * Starts one worker whose module calls {@link serveWebWorker} with a handler factory. Written by the
     * caller so a bundler sees the worker's module, e.g.
     * `() => new Worker(new URL('./my-worker.js', import.meta.url), { type: 'module' })`.
     */
    create: () => WebWorkerLike;
    /** Structured-cloneable data each worker's factory receives (sent as the worker's first message). */
    init: I;
    /** How long an aborted job may keep running before its worker is terminated, in ms. Default 3000. */
    abortGraceMs?: number;
  }>;

/**
 * Runs jobs on `workers` Web Workers, one job per worker at a time, in submission order: the browser
 * counterpart of `threadExecutor` (`@evoprop/core/executor-node`), with the same retries and
 * idempotency (from {@link createExecutor}). A worker that reports an uncaught error (its module
 * failed to load, say) fails its job with kind `'lost'` and is replaced; a job past its `timeoutMs`
 * gets its worker terminated and rejects with kind `'timeout'`; an aborted job gets `abortGraceMs`
 * to answer before its worker is terminated.
 *
 * @example
 * const ex = webWorkerExecutor({ workers: 4, create: () => new Worker(new URL('./fit-worker.js', import.meta.url), { type: 'module' }), init: {} });
 * const result = await ex.submit({ id: 'run-1', payload: { seed: 1 } });
 */
export function webWorkerExecutor<P, R, M = never, I = unknown>(options: WebWorkerExecutorOptions<I>): Executor<P, R, M> {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`webWorkerExecutor: expected workers to be an integer ≥ 1, got ${options.workers}`);
  }
  return createExecutor(webWorkerRunner<P, R, M, I>(options), options);
}

function webWorkerRunner<P, R, M, I>(options: WebWorkerExecutorOptions<I>): AttemptRunner<P, R, M> {
  return slotRunner<P, R, M>({
    workers: options.workers,
    graceMs: options.abortGraceMs ?? 3000,
    noun: 'Web Worker',
    spawn: (events) => {
      const worker = options.create();
      worker.addEventListener('message', (e) => events.message(e.data as FromThread));
      const lost = (what: string, kind: JobErrorKind) => (e: { message?: string }) =>
        events.lost(kind, new Error(`Web Worker ${what}${e.message === undefined || e.message === '' ? '' : `: ${e.message}`}`));
      worker.addEventListener('error', lost('crashed', 'lost'));
      worker.addEventListener('messageerror', lost('could not read a message', 'failed'));
      worker.postMessage({ type: 'init', init: options.init } satisfies ToThread);
      return { post: (m: ToThread) => worker.postMessage(m), terminate: () => worker.terminate() };
    },
  });
}
