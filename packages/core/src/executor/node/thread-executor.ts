import { Worker } from 'node:worker_threads';
import { type ExecutorOptions, createExecutor } from '../create-executor.js';
import type { AttemptRunner, Executor, Job } from '../job.js';
import { JobError } from '../job-error.js';
import { type FromThread, type ThreadWorkerData, type ToThread, deserializeError } from '../messages.js';

/** Options of {@link threadExecutor}. */
export type ThreadExecutorOptions<I> = ExecutorOptions &
  Readonly<{
    /** Worker threads, an integer ≥ 1; started on demand and kept until `close()`. */
    workers: number;
    /**
     * The module each worker imports (a file URL or a package specifier). Its export `export`
     * is a `HandlerFactory` (from `@evoprop/core`): called once per thread with `init`, it returns the handler.
     * A `.ts` module is loaded through tsx (a development dependency) with the `@evoprop/source` condition.
     */
    module: string | URL;
    /** Name of the factory export. Default `'default'`. */
    export?: string;
    /** Structured-cloneable data each worker's factory receives. */
    init: I;
    /** How long an aborted job may keep running before its worker is terminated, in ms. Default 3000. */
    abortGraceMs?: number;
    /** Node flags of the worker threads (default: none, or `--conditions=@evoprop/source` when loading TypeScript). */
    execArgv?: readonly string[];
  }>;

/** Whether this module runs as TypeScript source (tsx / vitest) rather than built JavaScript. */
const fromSource = import.meta.url.endsWith('.ts');

function spawn(data: ThreadWorkerData, execArgv: readonly string[] | undefined): Worker {
  const entry = new URL(`./thread-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  const typescript = fromSource || /\.[mc]?tsx?$/.test(data.module);
  if (!typescript) return new Worker(new URL(entry), { workerData: data, ...(execArgv !== undefined ? { execArgv: [...execArgv] } : {}) });
  // NOTE: Node 20 ignores `--import tsx` in a worker's execArgv for the worker's own entry module, so
  // the thread starts with a one-line bootstrap that registers tsx's hooks and then imports the entry.
  let api: string;
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch (e) {
    throw new Error(
      `thread executor: expected the tsx package to be installed to run ${data.module} on threads, got ${(e as Error).message}`,
    );
  }
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data, execArgv: [...(execArgv ?? ['--conditions=@evoprop/source'])] });
}

type Pending<P, R, M> = {
  readonly job: Job<P, M>;
  readonly attempt: number;
  readonly resolve: (value: R) => void;
  readonly reject: (error: JobError) => void;
  /** Removes every listener and timer of this attempt. */
  cleanup: () => void;
  /** What its signal's abort does now: leave the queue, or ask the worker to stop. */
  onAbort: () => void;
};

type Slot<P, R, M> = { readonly worker: Worker; current: Pending<P, R, M> | null; dead: boolean; crash: string | null };

/**
 * Runs jobs on `workers` Node worker threads, one job per thread at a time, in submission order.
 * A thread that dies (process.exit, an uncaught error, out of memory) fails its job with kind
 * `'lost'` (retried per `maxRetries`) and is replaced; a job past its `timeoutMs` gets its thread
 * terminated and rejects with kind `'timeout'`; an aborted job gets `abortGraceMs` to answer
 * before its thread is terminated.
 */
export function threadExecutor<P, R, M = never, I = unknown>(options: ThreadExecutorOptions<I>): Executor<P, R, M> {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`threadExecutor: expected workers to be an integer ≥ 1, got ${options.workers}`);
  }
  return createExecutor(threadRunner<P, R, M, I>(options), options);
}

function threadRunner<P, R, M, I>(options: ThreadExecutorOptions<I>): AttemptRunner<P, R, M> {
  const data: ThreadWorkerData = {
    module: typeof options.module === 'string' ? options.module : options.module.href,
    export: options.export ?? 'default',
    init: options.init,
  };
  const graceMs = options.abortGraceMs ?? 3000;
  const queue: Pending<P, R, M>[] = [];
  const slots: Slot<P, R, M>[] = [];
  const exits: Promise<unknown>[] = [];
  let closed = false;

  // One listener per signal, however many jobs share it (an experiment's hundreds of runs share one).
  const watched = new Map<AbortSignal, { pending: Set<Pending<P, R, M>>; listener: () => void }>();
  const watch = (p: Pending<P, R, M>) => {
    const signal = p.job.signal;
    if (signal === undefined) return;
    let entry = watched.get(signal);
    if (entry === undefined) {
      const pending = new Set<Pending<P, R, M>>();
      const listener = () => {
        for (const q of [...pending]) q.onAbort();
      };
      entry = { pending, listener };
      watched.set(signal, entry);
      signal.addEventListener('abort', listener, { once: true });
    }
    entry.pending.add(p);
  };
  const unwatch = (p: Pending<P, R, M>) => {
    const signal = p.job.signal;
    const entry = signal === undefined ? undefined : watched.get(signal);
    if (signal === undefined || entry === undefined) return;
    entry.pending.delete(p);
    if (entry.pending.size > 0) return;
    signal.removeEventListener('abort', entry.listener);
    watched.delete(signal);
  };

  const settle = (slot: Slot<P, R, M>): Pending<P, R, M> | null => {
    const p = slot.current;
    slot.current = null;
    p?.cleanup();
    return p;
  };

  /** End `slot`'s thread now, failing its job with `error`. */
  const kill = (slot: Slot<P, R, M>, error: (p: Pending<P, R, M>) => JobError) => {
    const p = settle(slot);
    retire(slot);
    exits.push(slot.worker.terminate());
    if (p !== null) p.reject(error(p));
    pump();
  };

  const retire = (slot: Slot<P, R, M>) => {
    slot.dead = true;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
  };

  const onMessage = (slot: Slot<P, R, M>, m: FromThread) => {
    const p = slot.current;
    if (p === null || p.job.id !== m.id) return; // a late answer for an attempt already given up on
    if (m.type === 'started') {
      p.job.onStart?.(p.attempt);
      const ms = p.job.timeoutMs;
      if (ms === undefined) return;
      const timer = setTimeout(
        () =>
          kill(
            slot,
            (q) => new JobError('timeout', q.job.id, q.attempt, new Error(`ran longer than ${ms} ms; its worker thread was terminated`)),
          ),
        ms,
      );
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
    const worker = spawn(data, options.execArgv);
    const slot: Slot<P, R, M> = { worker, current: null, dead: false, crash: null };
    worker.on('message', (m: FromThread) => onMessage(slot, m));
    worker.on('error', (e) => {
      slot.crash ??= `worker thread crashed: ${e.message}`;
    });
    worker.on('exit', (code) => {
      if (slot.dead) return;
      retire(slot);
      const p = settle(slot);
      if (p !== null)
        p.reject(new JobError('lost', p.job.id, p.attempt, new Error(slot.crash ?? `worker thread exited with code ${code}`)));
      pump();
    });
    slots.push(slot);
    return slot;
  };

  const start = (slot: Slot<P, R, M>, p: Pending<P, R, M>) => {
    slot.current = p;
    const signal = p.job.signal;
    if (signal !== undefined) {
      let grace: ReturnType<typeof setTimeout> | undefined;
      p.onAbort = () => {
        slot.worker.postMessage({ type: 'abort', id: p.job.id, reason: String(signal.reason) } satisfies ToThread);
        const message = `still running ${graceMs} ms after abort; its worker thread was terminated`;
        grace = setTimeout(() => kill(slot, (q) => new JobError('aborted', q.job.id, q.attempt, new Error(message))), graceMs);
      };
      const previous = p.cleanup;
      p.cleanup = () => {
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
      start(slot, queue.shift() as Pending<P, R, M>);
    }
  };

  return {
    concurrency: options.workers,
    run(job, attempt) {
      return new Promise<R>((resolve, reject) => {
        if (closed) return reject(new JobError('closed', job.id, attempt, new Error('the executor was closed')));
        if (job.signal?.aborted === true) return reject(new JobError('aborted', job.id, attempt, job.signal.reason));
        const pending: Pending<P, R, M> = {
          job,
          attempt,
          resolve,
          reject,
          cleanup: () => unwatch(pending),
          // Not started yet when the signal aborts: leave the queue.
          onAbort: () => {
            const i = queue.indexOf(pending);
            if (i < 0) return;
            queue.splice(i, 1);
            pending.cleanup();
            reject(new JobError('aborted', job.id, attempt, job.signal?.reason));
          },
        };
        watch(pending);
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
        retire(slot);
        exits.push(slot.worker.terminate());
        p?.reject(new JobError('closed', p.job.id, p.attempt, new Error('the executor was closed')));
      }
      await Promise.allSettled(exits);
    },
  };
}
