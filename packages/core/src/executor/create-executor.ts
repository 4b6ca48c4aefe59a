import type { AttemptRunner, Executor, Job } from './job.js';
import { JobError, retryable } from './job-error.js';

/** Retry and idempotency settings shared by every executor. */
export type ExecutorOptions = Readonly<{
  /** Extra attempts for a job whose handler threw or whose worker died, an integer ≥ 0. Default 0. */
  maxRetries?: number;
  /** Called before each retry (`attempt` is the number of the attempt about to start, from 2), e.g. to log a warning. */
  onRetry?: (job: Job<unknown, unknown>, attempt: number, error: JobError) => void;
  /** How many successful results to remember for repeated ids (oldest forgotten first). Default 1024. */
  remember?: number;
}>;

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`executor: expected ${name} to be an integer ≥ ${min}, got ${value}`);
  return value;
}

/**
 * An {@link Executor} over one implementation's {@link AttemptRunner}: the one place where failed
 * attempts are retried, a lost worker becomes a retry or a `lost` error, and a job's id works as
 * an idempotency key (a pending or remembered id returns the same promise; a failed id may run again).
 */
export function createExecutor<P, R, M>(runner: AttemptRunner<P, R, M>, options: ExecutorOptions = {}): Executor<P, R, M> {
  const maxRetries = checkCount('maxRetries', options.maxRetries ?? 0, 0);
  const remember = checkCount('remember', options.remember ?? 1024, 0);
  const jobs = new Map<string, Promise<R>>();
  const done: string[] = [];
  let closed = false;

  const attempts = async (job: Job<P, M>): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await runner.run(job, attempt);
      } catch (e) {
        const error = e instanceof JobError ? e : new JobError('failed', job.id, attempt, e);
        if (closed || !retryable(error) || attempt > maxRetries) {
          throw error.attempts === attempt ? error : new JobError(error.kind, job.id, attempt, error.cause);
        }
        options.onRetry?.(job as Job<unknown, unknown>, attempt + 1, error);
      }
    }
  };

  return {
    concurrency: runner.concurrency,
    submit(job) {
      if (closed) return Promise.reject(new JobError('closed', job.id, 0, new Error('submitted after close()')));
      const known = jobs.get(job.id);
      if (known !== undefined) return known;
      const promise = attempts(job).then(
        (result) => {
          done.push(job.id);
          while (done.length > remember) jobs.delete(done.shift() as string);
          return result;
        },
        (error: unknown) => {
          jobs.delete(job.id);
          throw error;
        },
      );
      jobs.set(job.id, promise);
      return promise;
    },
    close() {
      closed = true;
      return runner.close();
    },
  };
}
