// The distributed arena end to end: a real redis-server, `evoprop-arena run --queue` as the
// coordinator and `evoprop-arena worker` processes, compared with the same experiment run locally.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestRedis, startRedis } from '@evoprop/queue/testing';
import { stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliProcess, startCli, stopCli, timingFree } from '../testing-fixtures/cli-processes.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'arena-queue-'));
const quiet = ['--progress', 'plain', '--no-html'];

let redis: TestRedis;
const started: CliProcess[] = [];
const cli = (args: readonly string[]): CliProcess => {
  const p = startCli(args);
  started.push(p);
  return p;
};

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map(stopCli));
});
afterAll(async () => {
  await redis?.stop();
});

describe('evoprop-arena run --queue with worker processes', () => {
  // NOTE: the quick suite with 1 seed instead of 5 (21 runs: each of its tasks × each of its trainers,
  // budgets and configs unchanged): five seeds take minutes on a 2-core machine, twice.
  const quick = ['run', 'quick', '--seeds', '1', ...quiet];
  // Three worker processes shared by the tests of this block (each counts the runs it saw start).
  const workers: CliProcess[] = [];
  const startsPerWorker = () => workers.map((w) => (w.err().match(/^arena worker: start /gm) ?? []).length);
  beforeAll(async () => {
    workers.push(...[1, 2, 3].map(() => startCli(['worker', '--queue', redis.url, '--concurrency', '1'])));
    await Promise.all(workers.map((w) => w.waitFor(/waiting for runs/)));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map(stopCli));
  });

  /** The same experiment locally (one thread) and through the queue, at the same time; returns the runs each worker started. */
  async function localAndQueued(args: readonly string[]): Promise<{ local: string[]; queued: string[]; starts: number[] }> {
    const [local, queued] = [tmp(), tmp()];
    const before = startsPerWorker();
    const [localRun, coordinator] = await Promise.all([
      cli([...args, '--out', local, '--workers', '1']).done,
      cli([...args, '--out', queued, '--queue', redis.url]).done,
    ]);
    expect(localRun.code, localRun.err).toBe(0);
    expect(coordinator.code, coordinator.err).toBe(0);
    const starts = startsPerWorker().map((n, i) => n - (before[i] ?? 0));
    return { local: timingFree(join(local, 'results.jsonl')), queued: timingFree(join(queued, 'results.jsonl')), starts };
  }

  it('the quick suite (1 seed) through a coordinator and 3 workers: results identical to a local run', async () => {
    const { local, queued, starts } = await localAndQueued(quick);
    expect(queued).toEqual(local);
    // Every task × trainer of the suite is in the comparison.
    const runIds = local.slice(1).map((l) => (JSON.parse(l) as { runId: string }).runId);
    expect(runIds.length).toBe(21);
    for (const task of ['xor', 'spirals', 'circles'])
      for (const trainer of ['adam', 'sgd', 'openai-es', 'cma-es', 'ga', 'neat', 'memetic'])
        expect(runIds).toContain(`${task}/${trainer}/0`);
    // Every run ran exactly once, and the work was spread over the workers.
    expect(starts.reduce((a, b) => a + b, 0)).toBe(21);
    expect(starts.filter((n) => n > 0).length).toBeGreaterThan(1);
  }, 240_000);

  it('--tune through the queue: trials and tuned runs on the workers, results identical to a local run', async () => {
    const tune = [
      'run',
      'quick',
      '--tasks',
      'xor',
      '--trainers',
      'sgd,cma-es',
      '--seeds',
      '1',
      '--tune',
      '2',
      '--tune-seeds',
      '1',
      ...quiet,
    ];
    const { local, queued, starts } = await localAndQueued(tune);
    expect(queued).toEqual(local);
    // 2 default runs, 2 trainers × 2 trials × 1 tuning seed, then 2 tuned runs: all 8 ran on the workers, once each.
    const runIds = local.slice(1).map((l) => (JSON.parse(l) as { runId: string }).runId);
    expect(runIds.filter((id) => id.includes('+trial')).length).toBe(4);
    expect(runIds.filter((id) => id.includes('+tuned')).length).toBe(2);
    expect(starts.reduce((a, b) => a + b, 0)).toBe(8);
  }, 120_000);
});

describe('faults: workers killed, the coordinator killed, Redis restarted', () => {
  // 12 stub runs: fast and slow hill-climbs, and a trainer that kills its worker thread every time
  // (recorded as failed with its reason, as a local run records it).
  const runs = 12;
  const experiment = [
    ...['run', '--tasks', 'blobs,xor4', '--trainers', 'hill-climb,hill-climb@slow:delayMs=6,exit-thread', '--seeds', '2'],
    ...['--budget', 'evaluations=2500', '--plugin', stubCatalogPath, '--no-builtins', '--allow-failures', ...quiet],
  ];
  // Short locks and frequent stall checks, so a killed worker's run is taken again within seconds.
  // Each test on a database of its own, so runs left queued by an earlier test are not taken by this one's workers.
  let db = 0;
  let url = '';
  beforeEach(() => {
    db += 1;
    url = `${redis.url}/${db}`;
  });
  const workerFlags = ['--concurrency', '1', '--plugin', stubCatalogPath, '--no-builtins', '--lock-ms', '1500', '--stall-check-ms', '500'];
  const worker = () => cli(['worker', '--queue', url, ...workerFlags]);
  const startsIn = (ps: readonly CliProcess[]) => ps.reduce((n, p) => n + (p.err().match(/^arena worker: start /gm) ?? []).length, 0);
  let baseline: string[] = [];

  beforeAll(async () => {
    const out = tmp();
    const local = await startCli([...experiment, '--out', out, '--workers', '2']).done;
    expect(local.code, local.err).toBe(0);
    baseline = timingFree(join(out, 'results.jsonl'));
    expect(baseline.length).toBe(1 + runs);
    expect(baseline.filter((l) => l.includes('worker thread exited with code 3')).length).toBe(4);
  }, 120_000);

  it('kill -9 of a worker mid-run: its run is taken again after stall detection, nothing lost or counted twice', async () => {
    const out = tmp();
    const pair = [worker(), worker()] as const;
    await Promise.all(pair.map((w) => w.waitFor(/waiting for runs/)));
    const coordinator = cli([...experiment, '--out', out, '--queue', url]);
    // Kill whichever worker first starts a slow run, while it runs it (its lock is held and renewed; nobody
    // else may take the run until it expires). Which one gets a slow run first is up to the queue.
    const slowStart = /^arena worker: start \S+\/slow\/\d+ /;
    const [a, b] = await Promise.race([
      pair[0].waitFor(slowStart).then(() => [pair[0], pair[1]] as const),
      pair[1].waitFor(slowStart).then(() => [pair[1], pair[0]] as const),
    ]);
    const killed = /^arena worker: start (\S+\/slow\/\d+) /m.exec(a.err())?.[1] as string;
    a.child.kill('SIGKILL');
    const result = await coordinator.done;
    expect(result.code, result.err).toBe(0);
    expect(timingFree(join(out, 'results.jsonl'))).toEqual(baseline);
    expect(a.err()).not.toContain(`done ${killed} `);
    expect(b.err()).toContain(`done ${killed} `);
  }, 120_000);

  it('kill -9 of the coordinator, then --resume: the runs the workers finished meanwhile are collected, none run twice', async () => {
    const out = tmp();
    const workers = [worker(), worker()];
    await Promise.all(workers.map((w) => w.waitFor(/waiting for runs/)));
    const first = cli([...experiment, '--out', out, '--queue', url]);
    await first.waitFor(/^\[\d+\/12\]/, 3);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    // Every run was queued before the kill: the workers finish them all with no coordinator listening.
    await Promise.all([workers[0]?.waitFor(/^arena worker: (done|failed) /, 1), workers[1]?.waitFor(/^arena worker: (done|failed) /, 1)]);
    while (workers.reduce((n, w) => n + (w.err().match(/^arena worker: (done|failed) /gm) ?? []).length, 0) < runs)
      await new Promise((r) => setTimeout(r, 100));
    const resumed = await cli([...experiment, '--out', out, '--queue', url, '--resume']).done;
    expect(resumed.code, resumed.err).toBe(0);
    expect(timingFree(join(out, 'results.jsonl'))).toEqual(baseline);
    expect(startsIn(workers)).toBe(runs);
  }, 120_000);

  it('Redis killed and restarted mid-experiment: coordinator and workers reconnect and complete it', async () => {
    const out = tmp();
    const workers = [worker(), worker()];
    await Promise.all(workers.map((w) => w.waitFor(/waiting for runs/)));
    const coordinator = cli([...experiment, '--out', out, '--queue', url]);
    await coordinator.waitFor(/^\[\d+\/12\]/, 2);
    await redis.restart(1000);
    const result = await coordinator.done;
    expect(result.code, result.err).toBe(0);
    expect(timingFree(join(out, 'results.jsonl'))).toEqual(baseline);
    // Both workers still take runs after the restart (they reconnected rather than died).
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
    expect(startsIn(workers)).toBeGreaterThanOrEqual(runs);
  }, 120_000);
});
