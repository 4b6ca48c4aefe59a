/**
 * Why a job did not produce a result:
 * - `failed`: the handler threw (or its result could not be sent back);
 * - `lost`: the worker running it died (exited, crashed, was killed) before answering;
 * - `timeout`: an attempt ran past the job's `timeoutMs`;
 * - `aborted`: the submitter's signal aborted before it started, or it ignored the abort past the grace period;
 * - `closed`: the executor was closed before it finished.
 */
export type JobErrorKind = 'failed' | 'lost' | 'timeout' | 'aborted' | 'closed';

const describe: Record<JobErrorKind, string> = {
  failed: 'failed',
  lost: 'lost its worker',
  timeout: 'timed out',
  aborted: 'was aborted',
  closed: 'was cancelled because its executor closed',
};

/** The one error an {@link Executor} rejects with; `kind` says why and `cause` holds the underlying error. */
export class JobError extends Error {
  /** The class name, for `error.name` checks across package copies. */
  override name = 'JobError';
  constructor(
    /** Why the job did not produce a result. */
    readonly kind: JobErrorKind,
    /** The job's id. */
    readonly jobId: string,
    /** Attempts made, the first try included. */
    readonly attempts: number,
    /** The underlying error: what the handler threw, why the worker died, or a description of the timeout. */
    override readonly cause: unknown,
  ) {
    super(`job '${jobId}' ${describe[kind]} after ${attempts} attempt(s): ${causeMessage(cause)}`);
  }
}

/** The message of an error-like value, or its string form. */
export function causeMessage(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Whether another attempt could succeed: a thrown error or a lost worker may be transient; a timeout, an abort or a close is not. */
export const retryable = (error: JobError): boolean => error.kind === 'failed' || error.kind === 'lost';
