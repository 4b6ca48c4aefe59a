// docs/queue/docker-compose.yml, checked without Docker (no Docker daemon on the machines the tests
// run on): the file parses, its services fit together (the workers' Redis URL names the Redis
// service and its port, Redis keeps an append-only file on a volume), and the workers' command line
// is one `evoprop-arena worker` accepts — started here against a real redis-server, it waits for runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseQueueUrl } from '@evoprop/queue';
import { type TestRedis, startRedis } from '@evoprop/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startCli, stopCli } from '../testing-fixtures/cli-processes.js';

const composePath = fileURLToPath(new URL('../../../../docs/queue/docker-compose.yml', import.meta.url));

type Service = Readonly<{
  image?: string;
  command?: readonly string[];
  ports?: readonly string[];
  volumes?: readonly string[];
  depends_on?: readonly string[];
  deploy?: Readonly<{ replicas?: number }>;
  stop_grace_period?: string;
}>;
type Compose = Readonly<{ services: Readonly<Record<'redis' | 'worker', Service>>; volumes?: Readonly<Record<string, unknown>> }>;

const compose = parse(readFileSync(composePath, 'utf8')) as Compose;
const redisService = compose.services.redis;
const workerService = compose.services.worker;
const workerArgs = (workerService.command ?? []).slice(2);

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('docs/queue/docker-compose.yml', () => {
  it('has a Redis that keeps the queue on a named volume, and N workers that start after it', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['redis', 'worker']);
    expect(redisService.image).toMatch(/^redis:\d/);
    expect(redisService.command?.slice(0, 3)).toEqual(['redis-server', '--appendonly', 'yes']);
    const [volume, mount] = (redisService.volumes?.[0] ?? '').split(':');
    expect(mount).toBe('/data');
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(workerService.depends_on).toEqual(['redis']);
    expect(workerService.deploy?.replicas).toBeGreaterThanOrEqual(2);
    // SIGTERM lets the runs under way finish: Docker must wait for them before it kills.
    expect(workerService.stop_grace_period).toMatch(/^\d+m$/);
  });

  it("the workers' queue URL names the Redis service and the port Redis listens on", () => {
    expect(workerService.command?.slice(0, 3)).toEqual(['npx', 'evoprop-arena', 'worker']);
    const url = workerArgs[workerArgs.indexOf('--queue') + 1] as string;
    const address = parseQueueUrl(url);
    expect(address.host).toBe('redis');
    const containerPort = Number((redisService.ports?.[0] ?? '').split(':').at(-1));
    expect(address.port).toBe(containerPort);
    expect(containerPort).toBe(6379);
  });

  it("the workers' command line, pointed at a real redis-server, starts a worker that waits for runs", async () => {
    const args = workerArgs.map((a) => (a.startsWith('redis://') ? redis.url : a));
    const concurrency = args[args.indexOf('--concurrency') + 1];
    const worker = startCli(args);
    try {
      await worker.waitFor(
        new RegExp(`waiting for runs on ${redis.url.replaceAll('.', '\\.')} \\(queue evoprop-arena\\), ${concurrency} at a time`),
      );
    } finally {
      await stopCli(worker);
    }
  }, 60_000);
});
