import { type Executor, type Job, JobError } from '@evoprop/core';
import { type Job as BullJob, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { decode, encode } from './codec.js';
import { parseQueueUrl } from './connection.js';
import { connect } from './redis-client.js';
import { type WireJob, type WireProgress, bullJobId, jobErrorOf } from './wire.js';

/** Options of {@link queueExecutor}. */
export type QueueExecutorOptions = Readonly<{
  /** The Redis server: `redis://HOST:PORT[/DB]`. */
  url: string;
  /** The BullMQ queue name; workers started with the same name run the jobs. */
  queue: string;
  /**
   * Namespace of this executor's job ids in the queue (BullMQ id = `PREFIX/ID`). Two submitters
   * with the same prefix share results: a job id already completed under it resolves with the
   * stored result (that is how a restarted coordinator picks up finished work); use a fresh prefix
   * for a fresh run.
   */
  jobIdPrefix: string;
  /** How many jobs the workers run at the same time, as far as the submitter knows; callers split work into this many parts. Default 1. */
  concurrency?: number;
  /** Extra attempts of a job whose handler threw or whose worker was lost, an integer ≥ 0 (BullMQ's `attempts` minus one). Default 0. */
  maxRetries?: number;
  /** Delay before a retry, in ms (BullMQ's fixed backoff). Default 0. */
  retryDelayMs?: number;
  /**
   * How often the state of unfinished jobs is read from Redis, in ms, besides listening to the
   * queue's event stream: catches events missed while reconnecting, and re-adds jobs that Redis
   * lost (a restart without persistence). Default 2000.
   */
  pollMs?: number;
  /** How long finished jobs stay in Redis for a restarted coordinator to collect, in seconds. Default one day. */
  keepSeconds?: number;
  /**
   * What submitting an id whose job already failed in Redis (under this prefix, before this executor
   * saw it) does: false (default) answers with that failure, as a finished job answers with its
   * result; true runs it again. An id that failed through this executor always runs again.
   */
  rerunFailed?: boolean;
}>;

type Waiter<R, M> = {
  readonly job: Job<unknown, M>;
  readonly bullId: string;
  readonly resolve: (value: R) => void;
  readonly reject: (error: JobError) => void;
  readonly release: () => void;
  /** The last attempt reported started, so `onStart` fires once per attempt. */
  started: number;
};

/**
 * An {@link Executor} whose jobs run on BullMQ workers ({@link queueWorker}) on any number of
 * machines, through a Redis server. Retries and stalled-job detection are BullMQ's (a worker that
 * dies mid-job loses its lock, and another worker runs the job again); a job's id is its BullMQ
 * id under `jobIdPrefix`, so submitting it again — from this process or a restarted one — joins
 * the job already queued, running or finished instead of running it twice. Payloads, results and
 * progress messages travel as {@link encode}d JSON.
 */
export function queueExecutor<P, R, M = never>(options: QueueExecutorOptions): Executor<P, R, M> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`queueExecutor: expected concurrency to be an integer ≥ 1, got ${concurrency}`);
  const maxRetries = options.maxRetries ?? 0;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new RangeError(`queueExecutor: expected maxRetries to be an integer ≥ 0, got ${maxRetries}`);
  // Retries and attempt counts are BullMQ's; a pending id joins the promise already given out.
  const runner = queueRunner<P, R, M>(options, maxRetries);
  const pending = new Map<string, Promise<R>>();
  return {
    concurrency,
    submit(job) {
      const known = pending.get(job.id);
      if (known !== undefined) return known;
      const promise = runner.run(job).finally(() => pending.delete(job.id));
      pending.set(job.id, promise);
      return promise;
    },
    close: () => runner.close(),
  };
}

type Runner<P, R, M> = Readonly<{ run(job: Job<P, M>): Promise<R>; close(): Promise<void> }>;

function queueRunner<P, R, M>(options: QueueExecutorOptions, maxRetries: number): Runner<P, R, M> {
  const address = parseQueueUrl(options.url);
  const connections: Redis[] = [connect(address), connect(address)];
  const [queueConnection, eventConnection] = connections as [Redis, Redis];
  const queue = new Queue(options.queue, { connection: queueConnection });
  const events = new QueueEvents(options.queue, { connection: eventConnection });
  // Failures of a connection are retried by ioredis; without a listener Node would print them as unhandled.
  for (const c of connections) c.on('error', () => {});
  queue.on('error', () => {});
  events.on('error', () => {});
  const ready = Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const waiters = new Map<string, Waiter<R, M>>();
  const keepSeconds = options.keepSeconds ?? 86_400;
  let closed = false;

  const take = (bullId: string): Waiter<R, M> | undefined => {
    const w = waiters.get(bullId);
    if (w === undefined) return undefined;
    waiters.delete(bullId);
    w.release();
    return w;
  };
  const complete = (bullId: string, returnvalue: unknown) => {
    const w = take(bullId);
    if (w === undefined) return;
    try {
      w.resolve(decode(String(returnvalue)) as R);
    } catch (e) {
      w.reject(new JobError('failed', w.job.id, 0, e));
    }
  };
  // Ids whose failure this executor delivered: submitted again, they run again.
  const failedHere = new Set<string>();
  const fail = (bullId: string, attempts: number, reason: string) => {
    failedHere.add(bullId);
    const w = take(bullId);
    if (w !== undefined) w.reject(jobErrorOf(w.job.id, attempts, reason));
  };

  events.on('completed', ({ jobId, returnvalue }) => complete(jobId, returnvalue));
  // Emitted for the final failure only; a failed attempt that will be retried goes back to waiting.
  events.on('failed', ({ jobId }) => void check(jobId));
  events.on('progress', ({ jobId, data }) => {
    const w = waiters.get(jobId);
    if (w === undefined) return;
    const p = data as WireProgress;
    if (p.type === 'started' && p.attempt > w.started) {
      w.started = p.attempt;
      w.job.onStart?.(p.attempt);
    } else if (p.type === 'message' && p.body !== undefined) w.job.onProgress?.(decode(p.body) as M);
  });

  const add = (w: Waiter<R, M>): Promise<BullJob> => {
    const data: WireJob = {
      v: 1,
      id: w.job.id,
      payload: encode(w.job.payload),
      ...(w.job.timeoutMs !== undefined ? { timeoutMs: w.job.timeoutMs } : {}),
      ...(w.job.onStart !== undefined ? { reportStart: true } : {}),
    };
    return queue.add('job', data, {
      jobId: w.bullId,
      attempts: maxRetries + 1,
      ...(options.retryDelayMs !== undefined ? { backoff: { type: 'fixed', delay: options.retryDelayMs } } : {}),
      removeOnComplete: { age: keepSeconds },
      removeOnFail: { age: keepSeconds },
    });
  };

  /** Settle a waiter from the job's state in Redis (a missed event, a restart, a finished job joined again). */
  const check = async (bullId: string): Promise<void> => {
    const w = waiters.get(bullId);
    if (w === undefined || closed) return;
    // The state first: a job read before it finished would carry no return value yet.
    const state = await queue.getJobState(bullId);
    if (state === 'unknown') {
      // Gone from Redis (a restart without persistence, or removed by hand): queue it again.
      if (waiters.get(bullId) === w) await add(w);
      return;
    }
    if (state !== 'completed' && state !== 'failed') return;
    const job = await queue.getJob(bullId);
    if (job === undefined) return;
    if (state === 'completed') complete(bullId, job.returnvalue);
    else fail(bullId, job.attemptsMade, job.failedReason);
  };

  const pollMs = options.pollMs ?? 2000;
  let polling = false;
  const poll = setInterval(() => {
    if (polling || waiters.size === 0) return;
    polling = true;
    Promise.all([...waiters.keys()].map((id) => check(id).catch(() => {}))).finally(() => {
      polling = false;
    });
  }, pollMs);
  poll.unref();

  return {
    async run(job: Job<P, M>): Promise<R> {
      const attempt = 0;
      if (closed) throw new JobError('closed', job.id, attempt, new Error('the executor was closed'));
      if (job.signal?.aborted === true) throw new JobError('aborted', job.id, attempt, job.signal.reason);
      await ready;
      const bullId = bullJobId(options.jobIdPrefix, job.id);
      return new Promise<R>((resolve, reject) => {
        const signal = job.signal;
        // The queued job stays: a later submit of the same id (e.g. after --resume) collects it.
        const onAbort = () => {
          const w = take(bullId);
          w?.reject(new JobError('aborted', job.id, attempt, signal?.reason));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const w: Waiter<R, M> = {
          job: job as Job<unknown, M>,
          bullId,
          resolve,
          reject,
          release: () => signal?.removeEventListener('abort', onAbort),
          started: 0,
        };
        waiters.set(bullId, w);
        add(w)
          .then(async (added) => {
            // An id finished earlier (under this prefix) comes back as that job: completed → its result;
            // failed → that failure, or a new run (see rerunFailed).
            const state = await added.getState();
            const rerun = options.rerunFailed === true || failedHere.has(bullId);
            if (state === 'failed' && rerun && waiters.get(bullId) === w) await added.retry('failed');
            else await check(bullId);
          })
          .catch((e: unknown) => {
            if (take(bullId) !== undefined) reject(new JobError('failed', job.id, attempt, e));
          });
      });
    },
    async close() {
      closed = true;
      clearInterval(poll);
      for (const id of [...waiters.keys()]) {
        const w = take(id);
        w?.reject(new JobError('closed', w.job.id, 0, new Error('the executor was closed')));
      }
      await Promise.allSettled([events.close(), queue.close()]);
      await Promise.allSettled(connections.map((c) => c.quit()));
    },
  };
}
