import { JobError, type JobErrorKind } from '@evoprop/core';

/**
 * What travels through Redis for one job. The payload and the result are {@link encode}d text
 * (BullMQ stores job data and return values as JSON); a failure travels as BullMQ's
 * `failedReason` string, prefixed with the {@link JobErrorKind} so the submitter rebuilds the
 * same {@link JobError} a local executor would have given.
 */

/** A job's data in Redis. */
export type WireJob = Readonly<{
  /** Format version, 1. */
  v: 1;
  /** The job's own id (BullMQ's id adds the executor's prefix). */
  id: string;
  /** The encoded payload. */
  payload: string;
  /** Wall-clock limit of one attempt, enforced on the worker. */
  timeoutMs?: number;
  /** Whether the submitter listens for attempt starts (a progress message each, so only when asked). */
  reportStart?: boolean;
}>;

/** A job's progress message in Redis. */
export type WireProgress = Readonly<{
  /** `started`: an attempt began running; `message`: the handler reported progress. */
  type: 'started' | 'message';
  /** The attempt (1 for the first). */
  attempt: number;
  /** The encoded message, for `message`. */
  body?: string;
}>;

const kinds: readonly JobErrorKind[] = ['failed', 'lost', 'timeout', 'aborted', 'closed'];

/** A worker's failure reason: `[KIND] message`. */
export function failureReason(kind: JobErrorKind, message: string): string {
  return `[${kind}] ${message}`;
}

/** BullMQ's failure reason of a job that stalled more times than a worker's `maxStalledCount` allows. */
const stalledTooOften = /stalled more than allowable limit/i;

/** The {@link JobError} a failed BullMQ job stands for. */
export function jobErrorOf(id: string, attempts: number, failedReason: string): JobError {
  const match = /^\[([a-z]+)\] ([\s\S]*)$/.exec(failedReason);
  const kind = match !== null && (kinds as readonly string[]).includes(match[1] as string) ? (match[1] as JobErrorKind) : null;
  if (kind !== null) return new JobError(kind, id, attempts, new Error(match?.[2] ?? failedReason));
  if (stalledTooOften.test(failedReason))
    return new JobError('lost', id, attempts, new Error(`its worker stopped answering (${failedReason}); no worker finished it`));
  return new JobError('failed', id, attempts, new Error(failedReason));
}

/** BullMQ job ids may not contain ':' (its key separator); `%` and `:` are escaped, everything else kept. */
export const bullJobId = (prefix: string, id: string): string => `${prefix}/${id}`.replace(/%/g, '%25').replace(/:/g, '%3A');
