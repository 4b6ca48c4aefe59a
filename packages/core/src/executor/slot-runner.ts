/**
 * The coordinator side that worker threads and Web Workers share: a queue of attempts, a pool of
 * worker slots started on demand, one job per slot at a time in submission order, timeouts and
 * abort grace periods that end a slot's worker, late answers ignored. Only how a worker is
 * started, spoken to and ended differs; the caller passes that in. No `node:` imports.
 */
import type { AttemptRunner, Job } from './job.js';
import { JobError, type JobErrorKind } from './job-error.js';
import { type FromThread, type ToThread, deserializeError } from './messages.js';

/** One started worker, as the slot runner sees it. */
export type SlotWorker = Readonly<{
  /** Sends a message to the worker. */
  post: (message: ToThread) => void;
  /** Ends the worker now (its promise, if any, is awaited by `close`). */
  terminate: () => unknown;
}>;

/** What a worker's owner reports back to the slot runner. */
export type SlotEvents = Readonly<{
  /** A message from the worker. */
  message: (m: FromThread) => void;
  /** The worker is gone or unusable: its job fails with `kind` (`'lost'` is retried per `maxRetries`). */
  lost: (kind: JobErrorKind, error: Error) => void;
}>;

/** Options of {@link slotRunner}. */
export type SlotRunnerOptions = Readonly<{
  /** Workers at most, started on demand and kept until `close()`. */
  workers: number;
  /** How long an aborted job may keep running before its worker is ended, in ms. */
  graceMs: number;
  /** The worker's name in error messages (`'worker thread'`, `'Web Worker'`). */
  noun: string;
  /** Starts one worker wired to `events`. */
  spawn: (events: SlotEvents) => SlotWorker;
}>;

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

type Slot<P, R, M> = { worker: SlotWorker; current: Pending<P, R, M> | null; dead: boolean };

const closedError = (): Error => new Error('the executor was closed');

/** An {@link AttemptRunner} over `options.workers` workers started by `options.spawn`. */
export function slotRunner<P, R, M>(options: SlotRunnerOptions): AttemptRunner<P, R, M> {
  const { graceMs, noun } = options;
  const queue: Pending<P, R, M>[] = [];
  const slots: Slot<P, R, M>[] = [];
  const exits: unknown[] = [];
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
  const retire = (slot: Slot<P, R, M>) => {
    slot.dead = true;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    exits.push(slot.worker.terminate());
  };
  /** End `slot`'s worker now, failing its job with `error`. */
  const kill = (slot: Slot<P, R, M>, error: (p: Pending<P, R, M>) => JobError) => {
    const p = settle(slot);
    retire(slot);
    if (p !== null) p.reject(error(p));
    pump();
  };
  const after = (ms: number, slot: Slot<P, R, M>, kind: JobErrorKind, why: string) =>
    setTimeout(() => kill(slot, (q) => new JobError(kind, q.job.id, q.attempt, new Error(`${why}; its ${noun} was terminated`))), ms);

  const onMessage = (slot: Slot<P, R, M>, m: FromThread) => {
    const p = slot.current;
    if (slot.dead || p === null || p.job.id !== m.id) return; // a late answer for an attempt already given up on
    if (m.type === 'started') {
      p.job.onStart?.(p.attempt);
      const ms = p.job.timeoutMs;
      if (ms === undefined) return;
      const timer = after(ms, slot, 'timeout', `ran longer than ${ms} ms`);
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
    const slot: Slot<P, R, M> = { worker: { post: () => {}, terminate: () => undefined }, current: null, dead: false };
    slot.worker = options.spawn({
      message: (m) => onMessage(slot, m),
      lost: (kind, error) => {
        if (!slot.dead) kill(slot, (p) => new JobError(kind, p.job.id, p.attempt, error));
      },
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
        slot.worker.post({ type: 'abort', id: p.job.id, reason: String(signal.reason) });
        grace = after(graceMs, slot, 'aborted', `still running ${graceMs} ms after abort`);
      };
      const previous = p.cleanup;
      p.cleanup = () => {
        clearTimeout(grace);
        previous();
      };
    }
    slot.worker.post({ type: 'run', id: p.job.id, attempt: p.attempt, payload: p.job.payload });
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
        if (closed) return reject(new JobError('closed', job.id, attempt, closedError()));
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
        p.reject(new JobError('closed', p.job.id, p.attempt, closedError()));
      }
      for (const slot of [...slots]) {
        const p = settle(slot);
        retire(slot);
        p?.reject(new JobError('closed', p.job.id, p.attempt, closedError()));
      }
      await Promise.allSettled(exits);
    },
  };
}
