import { type ExecutorOptions, createExecutor } from '../create-executor.js';
import type { AttemptRunner, Executor, Job } from '../job.js';
import { JobError } from '../job-error.js';
import { type FromThread, type ToThread, deserializeError } from '../messages.js';

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

type Pending<P, R, M> = {
  readonly job: Job<P, M>;
  readonly attempt: number;
  readonly resolve: (value: R) => void;
  readonly reject: (error: JobError) => void;
  /** Removes every listener and timer of this attempt. */
  cleanup: () => void;
};

type Slot<P, R, M> = { readonly worker: WebWorkerLike; current: Pending<P, R, M> | null; dead: boolean };

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
  const graceMs = options.abortGraceMs ?? 3000;
  const queue: Pending<P, R, M>[] = [];
  const slots: Slot<P, R, M>[] = [];
  let closed = false;

  const settle = (slot: Slot<P, R, M>): Pending<P, R, M> | null => {
    const p = slot.current;
    slot.current = null;
    p?.cleanup();
    return p;
  };
  /** End `slot`'s worker now, failing its job with `error`. */
  const kill = (slot: Slot<P, R, M>, error: (p: Pending<P, R, M>) => JobError) => {
    const p = settle(slot);
    slot.dead = true;
    slots.splice(slots.indexOf(slot), 1);
    slot.worker.terminate();
    if (p !== null) p.reject(error(p));
    pump();
  };
  const onMessage = (slot: Slot<P, R, M>, m: FromThread) => {
    const p = slot.current;
    if (slot.dead || p === null || p.job.id !== m.id) return; // a late answer for an attempt already given up on
    if (m.type === 'started') {
      p.job.onStart?.(p.attempt);
      const ms = p.job.timeoutMs;
      if (ms === undefined) return;
      const why = new Error(`ran longer than ${ms} ms; its Web Worker was terminated`);
      const timer = setTimeout(() => kill(slot, (q) => new JobError('timeout', q.job.id, q.attempt, why)), ms);
      const previous = p.cleanup;
      p.cleanup = () => {
        clearTimeout(timer);
        previous();
      };
    } else if (m.type === 'progress') p.job.onProgress?.(m.message as M);
    else {
      settle(slot);
      if (m.type === 'done') p.resolve(m.result as R);
      else p.reject(new JobError('failed', p.job.id, p.attempt, deserializeError(m.error)));
      pump();
    }
  };
  const startSlot = (): Slot<P, R, M> => {
    const worker = options.create();
    const slot: Slot<P, R, M> = { worker, current: null, dead: false };
    worker.addEventListener('message', (e) => onMessage(slot, e.data as FromThread));
    const lost = (what: string) => (e: { message?: string }) => {
      if (slot.dead) return;
      const why = new Error(`Web Worker ${what}${e.message === undefined || e.message === '' ? '' : `: ${e.message}`}`);
      kill(slot, (p) => new JobError(what === 'crashed' ? 'lost' : 'failed', p.job.id, p.attempt, why));
    };
    worker.addEventListener('error', lost('crashed'));
    worker.addEventListener('messageerror', lost('could not read a message'));
    worker.postMessage({ type: 'init', init: options.init } satisfies ToThread);
    slots.push(slot);
    return slot;
  };
  const start = (slot: Slot<P, R, M>, p: Pending<P, R, M>) => {
    slot.current = p;
    const signal = p.job.signal;
    if (signal !== undefined) {
      let grace: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        slot.worker.postMessage({ type: 'abort', id: p.job.id, reason: String(signal.reason) } satisfies ToThread);
        const why = new Error(`still running ${graceMs} ms after abort; its Web Worker was terminated`);
        grace = setTimeout(() => kill(slot, (q) => new JobError('aborted', q.job.id, q.attempt, why)), graceMs);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const previous = p.cleanup;
      p.cleanup = () => {
        signal.removeEventListener('abort', onAbort);
        clearTimeout(grace);
        previous();
      };
    }
    slot.worker.postMessage({ type: 'run', id: p.job.id, attempt: p.attempt, payload: p.job.payload } satisfies ToThread);
  };
  const pump = () => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.current === null && !s.dead) ?? (slots.length < options.workers ? startSlot() : undefined);
      if (slot === undefined) return;
      const next = queue.shift() as Pending<P, R, M>;
      next.cleanup();
      start(slot, { ...next, cleanup: () => {} });
    }
  };

  return {
    concurrency: options.workers,
    run(job, attempt) {
      return new Promise<R>((resolve, reject) => {
        if (closed) return reject(new JobError('closed', job.id, attempt, new Error('the executor was closed')));
        if (job.signal?.aborted === true) return reject(new JobError('aborted', job.id, attempt, job.signal.reason));
        // Not started yet when the signal aborts: leave the queue.
        const leave = () => {
          const i = queue.indexOf(pending);
          if (i < 0) return;
          queue.splice(i, 1);
          reject(new JobError('aborted', job.id, attempt, job.signal?.reason));
        };
        const pending: Pending<P, R, M> = {
          job,
          attempt,
          resolve,
          reject,
          cleanup: () => job.signal?.removeEventListener('abort', leave),
        };
        job.signal?.addEventListener('abort', leave, { once: true });
        queue.push(pending);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) {
        p.cleanup();
        p.reject(new JobError('closed', p.job.id, p.attempt, new Error('the executor was closed')));
      }
      for (const slot of [...slots]) {
        const p = settle(slot);
        slot.dead = true;
        slot.worker.terminate();
        p?.reject(new JobError('closed', p.job.id, p.attempt, new Error('the executor was closed')));
      }
      slots.length = 0;
    },
  };
}
