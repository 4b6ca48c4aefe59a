import { type JobHandler, JobError, inlineExecutor } from '@evoprop/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueExecutor } from './queue-executor.js';
import { type QueueWorker, queueWorker } from './queue-worker.js';
import { type TestRedis, startRedis } from './testing/redis-server.js';

type Payload = Readonly<{ x: number; weights?: Float32Array; fail?: string; ms?: number }>;
type Result = Readonly<{ doubled: number; sum: number; attempt: number }>;

// Ids of the local jobs that failed once (the worker's local id is the BullMQ id plus '#attempt').
const flaked = new Set<string>();
const handler: JobHandler<Payload, Result, string> = async (p, context) => {
  const queued = context.id.replace(/#\d+$/, '');
  if (p.fail === 'always' || (p.fail !== undefined && !flaked.has(queued))) {
    flaked.add(queued);
    throw new Error(`boom on job ${context.id}`);
  }
  context.progress(`working on ${p.x}`);
  if (p.ms !== undefined) await new Promise((r) => setTimeout(r, p.ms));
  return { doubled: 2 * p.x, sum: p.weights === undefined ? 0 : p.weights.reduce((a, b) => a + b, 0), attempt: context.attempt };
};

let redis: TestRedis;
let worker: QueueWorker;
const queue = 'executor-test';

beforeAll(async () => {
  redis = await startRedis();
  worker = queueWorker({ url: redis.url, queue, executor: inlineExecutor(handler), concurrency: 4 });
  await worker.ready;
});
afterAll(async () => {
  await worker?.close();
  await redis?.stop();
});

describe('queueExecutor over a real redis-server', () => {
  it('runs jobs on the worker and answers each with its own result, typed arrays intact', async () => {
    const executor = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'basic', concurrency: 4 });
    try {
      const progress: string[] = [];
      const starts: number[] = [];
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((x) =>
          executor.submit({
            id: `job-${x}`,
            payload: { x, weights: new Float32Array([x, 0.5]) },
            onProgress: (m) => progress.push(m),
            onStart: (attempt) => starts.push(attempt),
          }),
        ),
      );
      expect(results.map((r) => r.doubled)).toEqual([2, 4, 6, 8, 10]);
      expect(results.map((r) => r.sum)).toEqual([1.5, 2.5, 3.5, 4.5, 5.5]);
      expect(starts).toEqual([1, 1, 1, 1, 1]);
      // Progress is throttled but the first message of each job always gets through.
      expect(new Set(progress)).toEqual(new Set([1, 2, 3, 4, 5].map((x) => `working on ${x}`)));
    } finally {
      await executor.close();
    }
  });

  it('collects a job finished earlier under the same prefix instead of running it again', async () => {
    const first = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'again' });
    const once = await first.submit({ id: 'j', payload: { x: 21 } });
    await first.close();
    const second = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'again' });
    try {
      const starts: number[] = [];
      // A different payload under the same id: the stored result wins (the id is the idempotency key).
      const again = await second.submit({ id: 'j', payload: { x: 99 }, onStart: (a) => starts.push(a) });
      expect(again).toEqual(once);
      expect(starts).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('retries a failing attempt (BullMQ attempts) and records a job that keeps failing with its reason', async () => {
    const executor = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'failing', maxRetries: 2 });
    try {
      const flaky = await executor.submit({ id: 'flaky', payload: { x: 1, fail: 'first' } });
      expect(flaky.doubled).toBe(2);
      const error = await executor.submit({ id: 'broken', payload: { x: 1, fail: 'always' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobError);
      expect(error).toMatchObject({ kind: 'failed', jobId: 'broken', attempts: 3 });
      expect((error as JobError).message).toContain('boom on job failing/broken#3');
    } finally {
      await executor.close();
    }
  });

  it('a job that failed before this executor saw it answers with that failure, or runs again with rerunFailed', async () => {
    const first = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'collected' });
    await expect(first.submit({ id: 'f', payload: { x: 1, fail: 'first' } })).rejects.toMatchObject({ kind: 'failed' });
    // The same executor runs a failed id again (the handler fails only the first time per queued job).
    await expect(first.submit({ id: 'f', payload: { x: 1, fail: 'first' } })).resolves.toMatchObject({ doubled: 2 });
    await expect(first.submit({ id: 'g', payload: { x: 1, fail: 'first' } })).rejects.toMatchObject({ kind: 'failed' });
    await first.close();
    const collect = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'collected' });
    await expect(collect.submit({ id: 'g', payload: { x: 1 } })).rejects.toThrow(/boom on job collected\/g#1/);
    await collect.close();
    const rerun = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'collected', rerunFailed: true });
    await expect(rerun.submit({ id: 'g', payload: { x: 1 } })).resolves.toMatchObject({ doubled: 2 });
    await rerun.close();
  });

  it('a timeout on the worker is final and comes back as kind timeout', async () => {
    const executor = queueExecutor<Payload, Result, string>({ url: redis.url, queue, jobIdPrefix: 'slow', maxRetries: 3 });
    try {
      const error = await executor.submit({ id: 'slow', payload: { x: 1, ms: 2000 }, timeoutMs: 100 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
    } finally {
      await executor.close();
    }
  });

  it('refuses a bad URL and bad counts before connecting', () => {
    expect(() => queueExecutor({ url: 'localhost:1', queue, jobIdPrefix: 'x' })).toThrow(/redis:\/\/HOST:PORT/);
    expect(() => queueExecutor({ url: redis.url, queue, jobIdPrefix: 'x', concurrency: 0 })).toThrow(/concurrency.*got 0/);
  });
});
