import { type ExecutorOptions, createExecutor } from './create-executor.js';
import type { AttemptRunner, Executor, Job, JobHandler } from './job.js';
import { JobError } from './job-error.js';

/**
 * Runs jobs one at a time in this thread, in submission order; a job submitted while none runs
 * starts synchronously inside `submit`. Works in Node and browsers.
 *
 * NOTE: this thread cannot be interrupted. A timeout or an abort rejects the job and lets the next
 * one start, but the abandoned handler keeps whatever it holds (its `signal` is aborted, so a
 * cooperative handler stops); a handler that computes forever without awaiting blocks the thread,
 * timers included. Run untrusted work on a thread executor.
 */
export function inlineExecutor<P, R, M = never>(handler: JobHandler<P, R, M>, options: ExecutorOptions = {}): Executor<P, R, M> {
  return createExecutor(inlineRunner(handler), options);
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function inlineRunner<P, R, M>(handler: JobHandler<P, R, M>): AttemptRunner<P, R, M> {
  let tail: Promise<unknown> = Promise.resolve();
  let busy = 0;
  let closed = false;
  // Each running attempt's way to reject itself when the executor closes.
  const closers = new Set<() => void>();

  const attempt = (job: Job<P, M>, n: number): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      if (closed) return reject(new JobError('closed', job.id, n, new Error('the executor was closed')));
      if (job.signal?.aborted === true) return reject(new JobError('aborted', job.id, n, job.signal.reason));
      const controller = new AbortController();
      const forward = () => controller.abort(job.signal?.reason);
      job.signal?.addEventListener('abort', forward, { once: true });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        clearTimeout(timer);
        job.signal?.removeEventListener('abort', forward);
        closers.delete(close);
      };
      const cancel = (error: JobError) => {
        settle();
        controller.abort(error);
        reject(error);
      };
      const close = () => cancel(new JobError('closed', job.id, n, new Error('the executor was closed')));
      closers.add(close);
      if (job.timeoutMs !== undefined) {
        const ms = job.timeoutMs;
        timer = setTimeout(() => cancel(new JobError('timeout', job.id, n, new Error(`ran longer than ${ms} ms`))), ms);
      }
      const context = { id: job.id, attempt: n, signal: controller.signal, progress: (m: M) => job.onProgress?.(m) };
      let result: R | Promise<R>;
      try {
        job.onStart?.(n);
        result = handler(job.payload, context);
      } catch (e) {
        settle();
        return reject(new JobError('failed', job.id, n, e));
      }
      Promise.resolve(result).then(
        (value) => {
          settle();
          resolve(value);
        },
        (e: unknown) => {
          settle();
          reject(new JobError('failed', job.id, n, e));
        },
      );
    });

  return {
    concurrency: 1,
    run(job, n) {
      // Start at once when idle (so a synchronous handler runs inside submit, as a direct call would); else
      // queue, and start after a macrotask so whoever awaits the previous job sees its result (and can
      // abort) before the next one begins.
      const start = busy === 0 ? attempt(job, n) : tail.then(nextTask).then(() => attempt(job, n));
      busy++;
      const settled = start.finally(() => busy--);
      tail = settled.catch(() => {});
      return settled;
    },
    async close() {
      closed = true;
      for (const close of [...closers]) close();
    },
  };
}
