import { type Executor, JobError } from '@evoprop/core';
import { type Job as BullJob, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { decode, encode } from './codec.js';
import { parseQueueUrl } from './connection.js';
import { connect } from './redis-client.js';
import { type WireJob, type WireProgress, failureReason } from './wire.js';

/** Options of {@link queueWorker}. */
export type QueueWorkerOptions<P, R, M> = Readonly<{
  /** The Redis server: `redis://HOST:PORT[/DB]`. */
  url: string;
  /** The BullMQ queue name the submitters use. */
  queue: string;
  /**
   * Runs the jobs taken from the queue on this machine: a thread executor (`threadExecutor` of
   * `@evoprop/core/executor-node`) for CPU-heavy jobs, so this thread stays free to renew the
   * jobs' locks; an inline executor for jobs shorter than `lockDurationMs`.
   */
  executor: Executor<P, R, M>;
  /** Jobs taken at the same time. Default: the executor's concurrency. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal, in ms; a worker that stops renewing (killed, frozen) loses its jobs after this. Default 30000. */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired (stalled) and puts them back in the queue, in ms. Default 30000. */
  stalledIntervalMs?: number;
  /** How many times a job may stall before it fails as lost. Default 2. */
  maxStalledCount?: number;
  /** At most one progress message per job per this many ms reaches Redis (the latest wins). Default 250. */
  progressIntervalMs?: number;
  /** Called when a job starts, ends or fails here (for logs). */
  onEvent?: (event: QueueWorkerEvent) => void;
}>;

/** What a queue worker reports about the jobs it runs. */
export type QueueWorkerEvent = Readonly<{
  /** `start`, `done` or `failed`. */
  type: 'start' | 'done' | 'failed';
  /** The submitter's job id. */
  id: string;
  /** The attempt, 1 for the first. */
  attempt: number;
  /** Why it failed, for `failed`. */
  reason?: string;
}>;

/** A running {@link queueWorker}. */
export type QueueWorker = Readonly<{
  /** Stops taking jobs, lets the running ones finish (or, with `force`, abandons them to stall detection), and closes the executor and connections. */
  close(force?: boolean): Promise<void>;
  /** Resolves once the worker is connected and waiting for jobs. */
  ready: Promise<void>;
}>;

/**
 * Takes jobs from the BullMQ queue `queue` and runs them on `executor`, reporting each attempt's
 * start and progress messages through the job's progress, and its result or failure reason back to
 * the submitter ({@link queueExecutor}). A failure travels as `[KIND] message`; timeouts and aborts
 * are final (BullMQ's `UnrecoverableError`), other failures are retried per the submitter's `maxRetries`.
 */
export function queueWorker<P, R, M = never>(options: QueueWorkerOptions<P, R, M>): QueueWorker {
  const address = parseQueueUrl(options.url);
  const connection: Redis = connect(address);
  connection.on('error', () => {});
  const progressMs = options.progressIntervalMs ?? 250;

  const processor = async (job: BullJob, _token?: string, signal?: AbortSignal): Promise<string> => {
    const data = job.data as WireJob;
    const attempt = Math.max(job.attemptsStarted, job.attemptsMade + 1);
    const send = (p: WireProgress) => job.updateProgress(p).catch(() => {});
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let latest: M | undefined;
    const flush = () => {
      pending = undefined;
      last = Date.now();
      void send({ type: 'message', attempt, body: encode(latest) });
    };
    options.onEvent?.({ type: 'start', id: data.id, attempt });
    try {
      const result = await options.executor.submit({
        // One local job per attempt: a retried or stalled job is not joined to an earlier local run.
        id: `${job.id}#${attempt}`,
        payload: decode(data.payload) as P,
        ...(data.timeoutMs !== undefined ? { timeoutMs: data.timeoutMs } : {}),
        ...(signal !== undefined ? { signal } : {}),
        ...(data.reportStart === true ? { onStart: () => void send({ type: 'started', attempt }) } : {}),
        onProgress: (message) => {
          latest = message;
          if (pending !== undefined) return;
          const wait = last + progressMs - Date.now();
          if (wait <= 0) flush();
          else pending = setTimeout(flush, wait);
        },
      });
      options.onEvent?.({ type: 'done', id: data.id, attempt });
      return encode(result);
    } catch (e) {
      const error = e instanceof JobError ? e : new JobError('failed', data.id, attempt, e);
      const reason = failureReason(error.kind, error.cause instanceof Error ? error.cause.message : String(error.cause));
      options.onEvent?.({ type: 'failed', id: data.id, attempt, reason });
      throw error.kind === 'timeout' || error.kind === 'aborted' ? new UnrecoverableError(reason) : new Error(reason);
    } finally {
      clearTimeout(pending);
    }
  };

  const worker = new Worker(options.queue, processor, {
    connection,
    concurrency: options.concurrency ?? options.executor.concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
  });
  worker.on('error', () => {});
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    async close(force = false) {
      await worker.close(force);
      await options.executor.close();
      await connection.quit().catch(() => {});
    },
  };
}
