// The distributed arena end to end: a real redis-server, `evoprop-arena run --queue` as the
// coordinator and `evoprop-arena worker` processes, compared with the same experiment run locally.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestRedis, startRedis } from '@evoprop/queue/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  // NOTE: the quick suite restricted to XOR and 2 seeds (14 runs, every trainer of the suite): the whole
  // suite takes minutes on a 2-core machine, twice. The runs are the suite's own, budgets and configs unchanged.
  const quick = ['run', 'quick', '--tasks', 'xor', '--seeds', '2', ...quiet];

  it('the quick suite (XOR, 2 seeds) through a coordinator and 3 workers: results identical to a local run', async () => {
    const local = tmp();
    const queued = tmp();
    const workers = [1, 2, 3].map(() => cli(['worker', '--queue', redis.url, '--concurrency', '1']));
    const [localRun] = await Promise.all([
      cli([...quick, '--out', local, '--workers', '1']).done,
      ...workers.map((w) => w.waitFor(/waiting for runs/)),
    ]);
    expect(localRun.code, localRun.err).toBe(0);
    const coordinator = await cli([...quick, '--out', queued, '--queue', redis.url]).done;
    expect(coordinator.code, coordinator.err).toBe(0);
    expect(timingFree(join(queued, 'results.jsonl'))).toEqual(timingFree(join(local, 'results.jsonl')));
    // Every run ran exactly once, and the work was spread over the workers.
    const starts = workers.map((w) => (w.err().match(/^arena worker: start /gm) ?? []).length);
    expect(starts.reduce((a, b) => a + b, 0)).toBe(14);
    expect(starts.filter((n) => n > 0).length).toBeGreaterThan(1);
  }, 240_000);
});
