import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { jobRejection } from '../../testing-fixtures/job-rejection.js';
import { type FixtureJob, fixtureHandlerUrl } from '../../testing-fixtures/executor-handler.js';
import type { Job } from '../job.js';
import { threadExecutor } from './thread-executor.js';

const pool = (workers: number, extra: { maxRetries?: number; abortGraceMs?: number } = {}) =>
  threadExecutor<FixtureJob, number | string, number, { tag: string }>({
    workers,
    module: fixtureHandlerUrl,
    init: { tag: 'fixture' },
    ...extra,
  });

const square = (x: number): Job<FixtureJob, number> => ({ id: `sq-${x}`, payload: { kind: 'square', x } });

describe('threadExecutor', () => {
  it('runs jobs on worker threads and answers each with its own result', async () => {
    const ex = pool(2);
    try {
      expect(await Promise.all([1, 2, 3, 4, 5].map((x) => ex.submit(square(x))))).toEqual([1, 4, 9, 16, 25]);
      const ids = await Promise.all([0, 1, 2, 3].map((i) => ex.submit({ id: `t-${i}`, payload: { kind: 'thread-id' } })));
      expect(ids.every((t) => typeof t === 'number' && t > 0)).toBe(true);
      expect(new Set(ids).size).toBeLessThanOrEqual(2);
    } finally {
      await ex.close();
    }
  });

  it('fails a job whose worker thread exits as lost, replaces the thread and runs the rest', async () => {
    const ex = pool(1);
    try {
      const dead = ex.submit({ id: 'exit', payload: { kind: 'exit', code: 3 } });
      const after = ex.submit(square(3));
      const e = await jobRejection(dead);
      expect([e.kind, e.attempts, e.message]).toEqual([
        'lost',
        1,
        "job 'exit' lost its worker after 1 attempt(s): worker thread exited with code 3",
      ]);
      expect(await after).toBe(9);
    } finally {
      await ex.close();
    }
  });

  it('retries a job whose worker died, on a fresh thread', async () => {
    const retried: number[] = [];
    const ex = threadExecutor<FixtureJob, number, never, { tag: string }>({
      workers: 1,
      module: fixtureHandlerUrl,
      init: { tag: 'fixture' },
      maxRetries: 1,
      onRetry: (_job, attempt, error) => retried.push(attempt, error.attempts),
    });
    try {
      expect(await ex.submit({ id: 'flaky', payload: { kind: 'exit-first-attempt', x: 6 } })).toBe(36);
      expect(retried).toEqual([2, 1]);
    } finally {
      await ex.close();
    }
  });

  it('passes a thrown error back with its name and message', async () => {
    const ex = pool(1);
    try {
      const e = await jobRejection(ex.submit({ id: 'throw', payload: { kind: 'throw', message: 'bad input' } }));
      expect([e.kind, (e.cause as Error).name, (e.cause as Error).message]).toEqual(['failed', 'RangeError', 'bad input']);
    } finally {
      await ex.close();
    }
  });

  it.each(['loop', 'hang'] as const)('terminates the thread of a job that %ss past its timeout, and goes on', async (kind) => {
    const ex = pool(1, { maxRetries: 2 });
    try {
      const stuck = ex.submit({ id: kind, payload: { kind }, timeoutMs: 200 });
      const after = ex.submit(square(7));
      const e = await jobRejection(stuck);
      expect([e.kind, e.attempts]).toEqual(['timeout', 1]);
      expect(e.message).toContain('ran longer than 200 ms; its worker thread was terminated');
      expect(await after).toBe(49);
    } finally {
      await ex.close();
    }
  });

  it('lets an aborted job answer, and terminates one that ignores the abort after the grace period', async () => {
    const ex = pool(2, { abortGraceMs: 100 });
    try {
      // Start both threads first, so the grace period is not spent loading modules.
      await Promise.all([ex.submit(square(8)), ex.submit(square(9))]);
      const stop = new AbortController();
      const polite = ex.submit({ id: 'polite', payload: { kind: 'until-aborted' }, signal: stop.signal });
      const rude = jobRejection(ex.submit({ id: 'rude', payload: { kind: 'hang' }, signal: stop.signal }));
      const queued = jobRejection(ex.submit({ id: 'queued', payload: { kind: 'square', x: 1 }, signal: stop.signal }));
      await new Promise((r) => setTimeout(r, 100));
      stop.abort();
      expect(await polite).toBe('stopped');
      expect((await rude).kind).toBe('aborted');
      expect((await queued).kind).toBe('aborted');
      expect(await ex.submit(square(2))).toBe(4);
    } finally {
      await ex.close();
    }
  });

  it('forwards progress messages and runs a submitted id once', async () => {
    const ex = pool(2);
    try {
      const got: number[] = [];
      const job: Job<FixtureJob, number> = { id: 'p', payload: { kind: 'progress', steps: 3 }, onProgress: (m) => got.push(m) };
      expect(await Promise.all([ex.submit(job), ex.submit(job)])).toEqual([3, 3]);
      expect(got).toEqual([1, 2, 3]);
    } finally {
      await ex.close();
    }
  });

  it('listens once to a signal shared by many jobs, and calls onStart as each starts', async () => {
    const ex = pool(1);
    try {
      const stop = new AbortController();
      const started: string[] = [];
      const jobs = [...Array(20).keys()].map((x) =>
        ex.submit({ ...square(x), signal: stop.signal, onStart: (attempt) => started.push(`${x}/${attempt}`) }),
      );
      expect(getEventListeners(stop.signal, 'abort').length).toBe(1);
      await Promise.all(jobs);
      expect(started).toEqual([...Array(20).keys()].map((x) => `${x}/1`));
      expect(getEventListeners(stop.signal, 'abort').length).toBe(0);
    } finally {
      await ex.close();
    }
  });

  it('rejects unfinished jobs with kind closed on close()', async () => {
    const ex = pool(1);
    const running = jobRejection(ex.submit({ id: 'h', payload: { kind: 'hang' } }));
    const queued = jobRejection(ex.submit(square(1)));
    await new Promise((r) => setTimeout(r, 100));
    await ex.close();
    expect((await running).kind).toBe('closed');
    expect((await queued).kind).toBe('closed');
  });

  it('rejects a worker count that is not a whole number ≥ 1', () => {
    expect(() => pool(0)).toThrow('threadExecutor: expected workers to be an integer ≥ 1, got 0');
  });
});
