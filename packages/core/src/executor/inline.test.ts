import { describe, expect, it } from 'vitest';
import { jobRejection } from '../testing-fixtures/job-rejection.js';
import { fixtureHandler } from '../testing-fixtures/executor-handler.js';
import { inlineExecutor } from './inline.js';

describe('inlineExecutor', () => {
  it('runs a synchronous handler inside submit, as a direct call would', () => {
    const seen: number[] = [];
    const ex = inlineExecutor((x: number) => {
      seen.push(x);
      return x + 1;
    });
    void ex.submit({ id: 'a', payload: 1 });
    expect(seen).toEqual([1]);
  });

  it('runs jobs one at a time in submission order', async () => {
    const log: string[] = [];
    const ex = inlineExecutor(async (name: string) => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      return name;
    });
    expect(await Promise.all(['a', 'b', 'c'].map((n) => ex.submit({ id: n, payload: n })))).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it("lets the submitter see a job's result, and abort, before the next job starts", async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const ex = inlineExecutor(async (x: number, ctx) => {
      started.push(x);
      return ctx.signal.aborted ? -x : x;
    });
    const jobs = [1, 2, 3].map((x) =>
      ex.submit({ id: `j${x}`, payload: x, signal: stop.signal }).then((r) => {
        if (r === 2) stop.abort();
        return r;
      }),
    );
    const settled = await Promise.allSettled(jobs);
    expect(started).toEqual([1, 2]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  it('uses the id as an idempotency key: a pending or finished id runs once, a failed one runs again', async () => {
    let calls = 0;
    let fail = true;
    const ex = inlineExecutor(async (x: number) => {
      calls++;
      if (fail) throw new Error('first time');
      return x * 10;
    });
    await jobRejection(ex.submit({ id: 'j', payload: 1 }));
    fail = false;
    const [a, b] = await Promise.all([ex.submit({ id: 'j', payload: 1 }), ex.submit({ id: 'j', payload: 1 })]);
    expect([a, b, await ex.submit({ id: 'j', payload: 1 })]).toEqual([10, 10, 10]);
    expect(calls).toBe(2);
  });

  it('forgets the oldest results past `remember`', async () => {
    let calls = 0;
    const ex = inlineExecutor(
      (x: number) => {
        calls++;
        return x;
      },
      { remember: 1 },
    );
    await ex.submit({ id: 'a', payload: 1 });
    await ex.submit({ id: 'b', payload: 2 });
    await ex.submit({ id: 'b', payload: 2 });
    expect(calls).toBe(2);
    await ex.submit({ id: 'a', payload: 1 });
    expect(calls).toBe(3);
  });

  it('retries a throwing handler maxRetries times, then rejects naming the attempts and the cause', async () => {
    const retries: number[] = [];
    let calls = 0;
    const ex = inlineExecutor(
      (_: null) => {
        calls++;
        throw new RangeError('always broken');
      },
      { maxRetries: 2, onRetry: (_job, attempt) => retries.push(attempt) },
    );
    const e = await jobRejection(ex.submit({ id: 'bad', payload: null }));
    expect([e.kind, e.attempts, calls, retries]).toEqual(['failed', 3, 3, [2, 3]]);
    expect((e.cause as Error).name).toBe('RangeError');
    expect(e.message).toBe("job 'bad' failed after 3 attempt(s): always broken");
  });

  it('succeeds when a retry does', async () => {
    const ex = inlineExecutor(
      (x: number, ctx) => {
        if (ctx.attempt === 1) throw new Error('transient');
        return x;
      },
      { maxRetries: 1 },
    );
    expect(await ex.submit({ id: 'r', payload: 4 })).toBe(4);
  });

  it('times out a job that awaits forever, aborts its signal, and goes on with the next (never retried)', async () => {
    let signal: AbortSignal | undefined;
    const ex = inlineExecutor(
      (x: number, ctx) => {
        if (x < 0) {
          signal = ctx.signal;
          return new Promise<number>(() => {});
        }
        return x;
      },
      { maxRetries: 3 },
    );
    const hung = ex.submit({ id: 'hang', payload: -1, timeoutMs: 30 });
    const next = ex.submit({ id: 'next', payload: 5 });
    const e = await jobRejection(hung);
    expect([e.kind, e.attempts, e.message]).toEqual(['timeout', 1, "job 'hang' timed out after 1 attempt(s): ran longer than 30 ms"]);
    expect(signal?.aborted).toBe(true);
    expect(await next).toBe(5);
  });

  it('rejects a job whose signal aborted before it started, and passes the signal to a running one', async () => {
    const stop = new AbortController();
    const ex = inlineExecutor(fixtureHandler);
    const running = ex.submit({ id: 'a', payload: { kind: 'until-aborted' }, signal: stop.signal });
    const queued = ex.submit({ id: 'b', payload: { kind: 'square', x: 2 }, signal: stop.signal });
    stop.abort();
    expect(await running).toBe('stopped');
    expect((await jobRejection(queued)).kind).toBe('aborted');
  });

  it('forwards progress messages', async () => {
    const got: number[] = [];
    await inlineExecutor(fixtureHandler).submit({ id: 'p', payload: { kind: 'progress', steps: 3 }, onProgress: (m) => got.push(m) });
    expect(got).toEqual([1, 2, 3]);
  });

  it('rejects running and later jobs with kind closed after close()', async () => {
    const ex = inlineExecutor(fixtureHandler);
    const running = jobRejection(ex.submit({ id: 'h', payload: { kind: 'hang' } }));
    await ex.close();
    expect((await running).kind).toBe('closed');
    expect((await jobRejection(ex.submit({ id: 'x', payload: { kind: 'square', x: 1 } }))).kind).toBe('closed');
  });

  it('rejects a bad maxRetries naming expected and actual', () => {
    expect(() => inlineExecutor(() => 1, { maxRetries: -1 })).toThrow('executor: expected maxRetries to be an integer ≥ 0, got -1');
  });
});
