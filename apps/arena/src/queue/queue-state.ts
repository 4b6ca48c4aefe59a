import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResultsFileError } from '../runner/results-file.js';

/** OUT/queue.json: which Redis and which job-id namespace an experiment sent its runs to. */
export type QueueState = Readonly<{ url: string; jobIdPrefix: string }>;

/** The path of `out`'s queue state file. */
export const queueStatePath = (out: string): string => join(out, 'queue.json');

/**
 * The job-id namespace of the experiment in `out`: with `resume`, the one recorded there (so the
 * runs that finished on the workers while no coordinator was listening are collected, not run
 * again); otherwise a fresh one, recorded for a later `--resume`.
 */
export function experimentQueue(out: string, url: string, resume: boolean): QueueState {
  const path = queueStatePath(out);
  if (resume && existsSync(path)) {
    let state: unknown;
    try {
      state = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new ResultsFileError(`${path}: expected the JSON written by a queued run, got unreadable text (${(e as Error).message})`);
    }
    const prefix = (state as { jobIdPrefix?: unknown }).jobIdPrefix;
    if (typeof prefix !== 'string' || prefix === '')
      throw new ResultsFileError(`${path}: expected a jobIdPrefix string, got ${JSON.stringify(prefix)}`);
    const s: QueueState = { url, jobIdPrefix: prefix };
    writeFileSync(path, `${JSON.stringify(s)}\n`);
    return s;
  }
  const s: QueueState = { url, jobIdPrefix: randomUUID() };
  writeFileSync(path, `${JSON.stringify(s)}\n`);
  return s;
}
