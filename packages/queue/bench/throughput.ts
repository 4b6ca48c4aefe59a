// Queue overhead and throughput against local worker threads, on a real redis-server on this machine.
// Run: cd packages/queue && node --conditions=@evoprop/source --import tsx bench/throughput.ts [JOBS] [WORKERS]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Executor } from '@evoprop/core';
import { threadExecutor } from '@evoprop/core/executor-node';
import { queueExecutor } from '../src/index.js';
import { startRedis } from '../src/testing/index.js';

const jobs = Number(process.argv[2] ?? 1000);
const workers = Number(process.argv[3] ?? 4);
const redis = await startRedis();
const queue = 'bench';

const children = Array.from({ length: workers }, () =>
  spawn(
    process.execPath,
    ['--conditions=@evoprop/source', '--import', 'tsx', fileURLToPath(new URL('./echo-worker.ts', import.meta.url)), redis.url, queue],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  ),
);
await Promise.all(children.map((c) => new Promise((r) => c.stdout?.once('data', r))));

async function timed(executor: Executor<number, number>, n: number, sequential: boolean): Promise<number> {
  const start = performance.now();
  if (sequential) for (let i = 0; i < n; i++) await executor.submit({ id: `s-${i}`, payload: i });
  else await Promise.all(Array.from({ length: n }, (_, i) => executor.submit({ id: `p-${i}`, payload: i })));
  return performance.now() - start;
}

const queued = queueExecutor<number, number>({ url: redis.url, queue, jobIdPrefix: 'bench', concurrency: workers });
await timed(queued, 20, true); // warm-up: connections, scripts
const sequentialMs = await timed(queued, 200, true);
const queuedMs = await timed(queued, jobs, false);
await queued.close();

const threads = threadExecutor<number, number>({ workers, module: new URL('./echo-handler.ts', import.meta.url), init: null });
await timed(threads, 20, true);
const threadSequentialMs = await timed(threads, 200, true);
const threadMs = await timed(threads, jobs, false);
await threads.close();

const row = (name: string, perJobMs: number, totalMs: number) =>
  `| ${name} | ${perJobMs.toFixed(2)} ms | ${totalMs.toFixed(0)} ms | ${Math.round((jobs / totalMs) * 1000)} jobs/s |`;
console.log(`| executor (${workers} workers) | one empty job, round trip | ${jobs} tiny jobs at once | throughput |`);
console.log('|---|---|---|---|');
console.log(row('BullMQ on redis-server (worker processes)', sequentialMs / 200, queuedMs));
console.log(row('worker threads (threadExecutor)', threadSequentialMs / 200, threadMs));

for (const c of children) c.kill('SIGTERM');
await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
await redis.stop();
