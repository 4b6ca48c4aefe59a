import { expect } from 'vitest';
import { JobError } from '../executor/job-error.js';

/** The JobError `p` rejects with (fails the test when it resolves or rejects with anything else). */
export async function jobRejection(p: Promise<unknown>): Promise<JobError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(JobError);
  return e as JobError;
}
