/**
 * The executor contract: submit a job, get a promise of its result. Where the job runs (this
 * thread, a worker thread, a Web Worker, a BullMQ worker on another machine) is the
 * implementation's business; retries, lost workers, timeouts and the job id as an idempotency
 * key are handled once, in {@link createExecutor}. Browser-safe: nothing here imports `node:`.
 */

/**
 * One unit of work. Only `payload` travels to where the job runs (it must be structured-cloneable
 * for thread and queue executors); the other fields stay with the submitter.
 */
export type Job<P, M = never> = Readonly<{
  /**
   * Idempotency key: submitting a job whose id is still pending, or finished successfully and
   * remembered, returns that job's promise instead of running it again. A job that failed can be
   * submitted again under the same id.
   */
  id: string;
  /** What the handler receives. */
  payload: P;
  /**
   * Wall-clock limit of one attempt in milliseconds, counted from when the attempt starts running
   * (queueing, thread start and module loading excluded). On expiry the job rejects with a
   * {@link JobError} of kind `'timeout'` (never retried) and a thread executor terminates the
   * worker; an inline executor can only abandon the attempt (see {@link inlineExecutor}).
   */
  timeoutMs?: number;
  /**
   * Cooperative cancellation: forwarded to the handler's context. A job not started yet rejects
   * with kind `'aborted'`; a running one may still resolve (with whatever the handler returns
   * when aborted) unless the implementation gives up on it after a grace period.
   */
  signal?: AbortSignal;
  /** Called in this thread when an attempt starts running (after queueing and worker start-up). */
  onStart?: (attempt: number) => void;
  /** Receives the progress messages the handler reports, in this thread. */
  onProgress?: (message: M) => void;
}>;

/** What a handler gets besides the payload. */
export type JobContext<M = never> = Readonly<{
  /** The job's id. */
  id: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
  /** Aborted when the submitter's signal aborts or the attempt timed out. */
  signal: AbortSignal;
  /** Sends a progress message to the submitter's `onProgress`. */
  progress: (message: M) => void;
}>;

/** The function that does a job: the same function whichever executor runs it. */
export type JobHandler<P, R, M = never> = (payload: P, context: JobContext<M>) => R | Promise<R>;

/**
 * What a worker module exports for thread (and later Web Worker or queue) executors: called once
 * per worker with the executor's `init` data, it returns that worker's handler.
 */
export type HandlerFactory<I, P, R, M = never> = (init: I) => JobHandler<P, R, M> | Promise<JobHandler<P, R, M>>;

/** Runs jobs somewhere and answers each with a promise of its result. */
export interface Executor<P, R, M = never> {
  /** How many jobs run at the same time (workers); callers split work into this many parts. */
  readonly concurrency: number;
  /** Run `job` (or join the run already under way with the same id) and resolve with its result; rejects with a {@link JobError}. */
  submit(job: Job<P, M>): Promise<R>;
  /** Stop every worker and reject jobs not finished with kind `'closed'`; the executor is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * One implementation's way of running a single attempt: the part that differs between inline,
 * thread, Web Worker and queue executors. It rejects only with a {@link JobError}; retries and
 * idempotency are added around it by {@link createExecutor}.
 */
export interface AttemptRunner<P, R, M = never> {
  /** How many attempts run at the same time. */
  readonly concurrency: number;
  /** Run attempt number `attempt` of `job`. */
  run(job: Job<P, M>, attempt: number): Promise<R>;
  /** Release workers; attempts not finished reject with kind `'closed'`. */
  close(): Promise<void>;
}
