// The Web Worker executor against an in-process stand-in for `Worker` whose other side is the real
// serveWebWorker: messages are structured-cloned and delivered on later macrotasks, as a browser does.
// (tools/browser-check runs it with real Web Workers in Chromium.)
import { describe, expect, it } from 'vitest';
import { jobRejection } from '../../testing-fixtures/job-rejection.js';
import type { JobContext } from '../job.js';
import { serveWebWorker } from './serve.js';
import { type WebWorkerLike, webWorkerExecutor } from './web-executor.js';

type Work =
  | Readonly<{ kind: 'square'; x: number }>
  | Readonly<{ kind: 'throw'; message: string }>
  | Readonly<{ kind: 'hang' }>
  | Readonly<{ kind: 'until-aborted' }>
  | Readonly<{ kind: 'progress'; steps: number }>
  | Readonly<{ kind: 'whoami' }>;

type WorkerEvent = { data: unknown; message?: string };
type Listener = (event: WorkerEvent) => void;

/** A fake Web Worker running `serveWebWorker(factory)` on a fake global scope in this thread. */
class FakeWorker implements WebWorkerLike {
  static started = 0;
  readonly id = ++FakeWorker.started;
  terminated = false;
  private readonly outside = new Map<string, Listener[]>();
  private readonly inside: Listener[] = [];
  constructor() {
    const id = this.id;
    serveWebWorker<{ tag: string }, Work, number | string, number>(
      (init) => async (job: Work, context: JobContext<number>) => {
        if (init.tag !== 'fake') throw new Error(`expected init { tag: 'fake' }, got ${JSON.stringify(init)}`);
        switch (job.kind) {
          case 'square':
            return job.x * job.x;
          case 'throw':
            throw new RangeError(job.message);
          case 'hang':
            return new Promise<never>(() => {});
          case 'until-aborted':
            await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
            return 'stopped';
          case 'progress':
            for (let i = 1; i <= job.steps; i++) context.progress(i);
            return job.steps;
          case 'whoami':
            return id;
        }
      },
      {
        postMessage: (m) => this.deliver(this.outside.get('message') ?? [], { data: structuredClone(m) }),
        addEventListener: (_type, listener) => this.inside.push(listener as Listener),
      },
    );
  }
  private deliver(listeners: readonly Listener[], event: WorkerEvent): void {
    setTimeout(() => {
      if (!this.terminated) for (const l of listeners) l(event);
    }, 0);
  }
  postMessage(message: unknown): void {
    this.deliver(this.inside, { data: structuredClone(message) });
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: Listener): void {
    this.outside.set(type, [...(this.outside.get(type) ?? []), listener]);
  }
  /** What a browser does when the worker's module throws at the top level. */
  crash(message: string): void {
    this.deliver(this.outside.get('error') ?? [], { data: undefined, message });
  }
}

const workers: FakeWorker[] = [];
const pool = (count: number, extra: { maxRetries?: number; abortGraceMs?: number } = {}) =>
  webWorkerExecutor<Work, number | string, number, { tag: string }>({
    workers: count,
    create: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    init: { tag: 'fake' },
    ...extra,
  });

describe('webWorkerExecutor', () => {
  it('runs jobs on at most `workers` workers and answers each with its own result', async () => {
    const before = FakeWorker.started;
    const ex = pool(2);
    try {
      expect(await Promise.all([1, 2, 3, 4, 5].map((x) => ex.submit({ id: `sq-${x}`, payload: { kind: 'square', x } })))).toEqual([
        1, 4, 9, 16, 25,
      ]);
      const ids = await Promise.all([0, 1, 2, 3].map((i) => ex.submit({ id: `w-${i}`, payload: { kind: 'whoami' } })));
      expect(new Set(ids).size).toBe(2);
      expect(FakeWorker.started - before).toBe(2);
    } finally {
      await ex.close();
    }
  });

  it('passes a thrown error back with its name and message, and forwards progress', async () => {
    const ex = pool(1);
    try {
      const e = await jobRejection(ex.submit({ id: 'throw', payload: { kind: 'throw', message: 'bad input' } }));
      expect([e.kind, (e.cause as Error).name, (e.cause as Error).message]).toEqual(['failed', 'RangeError', 'bad input']);
      const got: number[] = [];
      expect(await ex.submit({ id: 'p', payload: { kind: 'progress', steps: 3 }, onProgress: (m) => got.push(m) })).toBe(3);
      expect(got).toEqual([1, 2, 3]);
    } finally {
      await ex.close();
    }
  });

  it('fails the job of a worker that crashes as lost, retries it on a fresh worker', async () => {
    const ex = pool(1, { maxRetries: 1 });
    try {
      const hanging = ex.submit({ id: 'crash', payload: { kind: 'hang' } });
      await new Promise((r) => setTimeout(r, 20));
      const victim = workers[workers.length - 1] as FakeWorker;
      victim.crash('Uncaught SyntaxError');
      // The retry hangs too; crash its worker as well, and the job is lost after two attempts.
      await new Promise((r) => setTimeout(r, 20));
      const second = workers[workers.length - 1] as FakeWorker;
      expect(second).not.toBe(victim);
      expect(victim.terminated).toBe(true);
      second.crash('again');
      const e = await jobRejection(hanging);
      expect([e.kind, e.attempts, e.message]).toEqual([
        'lost',
        2,
        "job 'crash' lost its worker after 2 attempt(s): Web Worker crashed: again",
      ]);
      expect(await ex.submit({ id: 'after', payload: { kind: 'square', x: 3 } })).toBe(9);
    } finally {
      await ex.close();
    }
  });

  it('terminates the worker of a job past its timeout and goes on', async () => {
    const ex = pool(1);
    try {
      const stuck = ex.submit({ id: 'slow', payload: { kind: 'hang' }, timeoutMs: 50 });
      const after = ex.submit({ id: 'next', payload: { kind: 'square', x: 7 } });
      const e = await jobRejection(stuck);
      expect([e.kind, (e.cause as Error).message]).toEqual(['timeout', 'ran longer than 50 ms; its Web Worker was terminated']);
      expect(await after).toBe(49);
    } finally {
      await ex.close();
    }
  });

  it('lets an aborted job answer, terminates one that ignores the abort, and drops queued ones', async () => {
    const ex = pool(2, { abortGraceMs: 50 });
    try {
      const stop = new AbortController();
      const polite = ex.submit({ id: 'polite', payload: { kind: 'until-aborted' }, signal: stop.signal });
      const rude = jobRejection(ex.submit({ id: 'rude', payload: { kind: 'hang' }, signal: stop.signal }));
      const queued = jobRejection(ex.submit({ id: 'queued', payload: { kind: 'square', x: 1 }, signal: stop.signal }));
      await new Promise((r) => setTimeout(r, 20));
      stop.abort();
      expect(await polite).toBe('stopped');
      expect((await rude).kind).toBe('aborted');
      expect((await queued).kind).toBe('aborted');
      expect(await ex.submit({ id: 'later', payload: { kind: 'square', x: 2 } })).toBe(4);
    } finally {
      await ex.close();
    }
  });

  it('rejects unfinished jobs with kind closed on close(), and a worker count below 1', async () => {
    const ex = pool(1);
    const running = jobRejection(ex.submit({ id: 'h', payload: { kind: 'hang' } }));
    const queued = jobRejection(ex.submit({ id: 'q', payload: { kind: 'square', x: 1 } }));
    await new Promise((r) => setTimeout(r, 20));
    await ex.close();
    expect([(await running).kind, (await queued).kind]).toEqual(['closed', 'closed']);
    expect(() => pool(0)).toThrow('webWorkerExecutor: expected workers to be an integer ≥ 1, got 0');
  });
});
