// Distributed evolution end to end: an EvolutionTrainer whose generations are evaluated by
// `evoprop-arena worker` processes through a real redis-server, against the same run evaluated locally.
import type { Executor } from '@evoprop/core';
import { type CandidateResult, type ChunkOutput, EvolutionTrainer, type RemoteEvaluationJob } from '@evoprop/evolution';
import { type NeatRemoteJob, NeatTrainer, type NeatWorkerResult } from '@evoprop/evolution/neat';
import { encode, queueExecutor } from '@evoprop/queue';
import { type TestRedis, startRedis } from '@evoprop/queue/testing';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, startCli, stopCli } from '../testing-fixtures/cli-processes.js';
import { evolutionQueue, neatQueue } from './queue-runs.js';

type Remote = Executor<RemoteEvaluationJob, ChunkOutput<CandidateResult>>;

let redis: TestRedis;
const workers: CliProcess[] = [];
const startWorkers = async (n: number) => {
  const started = Array.from({ length: n }, () => startCli(['worker', '--queue', redis.url, '--concurrency', '1']));
  workers.push(...started);
  await Promise.all(started.map((w) => w.waitFor(/waiting for runs/)));
};

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(workers.map(stopCli));
  await redis?.stop();
});

const generations = 5;
const populationSize = 40;
const fit = (noise: 'indexed' | 'stream', executor?: Remote) =>
  new EvolutionTrainer(
    { strategy: 'openAiEs', strategyConfig: { populationSize, sigma: 0.1, noise } },
    executor === undefined ? {} : { executor },
  ).fit({ task: createTask('circles', 1, { samples: 120 }), rng: Rng.fromSeed(9), budget: { generations } });

/** The queue executor, counting the bytes of the payloads it sends (as they travel: encoded JSON). */
function measured(concurrency: number, prefix: string): { executor: Remote; bytes: () => number } {
  const inner = queueExecutor<RemoteEvaluationJob, ChunkOutput<CandidateResult>>({
    url: redis.url,
    queue: evolutionQueue,
    jobIdPrefix: prefix,
    concurrency,
  });
  let bytes = 0;
  return {
    executor: {
      concurrency,
      submit: (job) => {
        bytes += Buffer.byteLength(encode(job.payload));
        return inner.submit(job);
      },
      close: () => inner.close(),
    },
    bytes: () => bytes,
  };
}

describe('EvolutionTrainer on queue workers', () => {
  it('OpenAI-ES with 1 and with 4 worker processes: parameters bit-identical to a local run; seeds travel, not vectors', async () => {
    const local = await fit('indexed');
    await startWorkers(1);
    const one = measured(1, 'one-worker');
    const byOne = await fit('indexed', one.executor);
    await one.executor.close();
    await startWorkers(3);
    const four = measured(4, 'four-workers');
    const byFour = await fit('indexed', four.executor);
    await four.executor.close();
    expect(Array.from(byOne.model.params.vector)).toEqual(Array.from(local.model.params.vector));
    expect(Array.from(byFour.model.params.vector)).toEqual(Array.from(local.model.params.vector));
    expect(byFour.metrics).toEqual(local.metrics);

    // The same run sending vectors (stream noise): what seeds save per generation.
    const vectors = measured(4, 'four-workers-vectors');
    await fit('stream', vectors.executor);
    await vectors.executor.close();
    const perGeneration = { seeds: four.bytes() / generations, vectors: vectors.bytes() / generations };
    console.log(`bytes sent per generation (λ=${populationSize}, 4 chunks): ${JSON.stringify(perGeneration)}`);
    // Seeds cost O(chunks × n) (each chunk carries the mean and the context specs), vectors O(λ × n).
    expect(perGeneration.seeds).toBeLessThan(perGeneration.vectors / 3);
  }, 240_000);

  it('NEAT with 1 and with 4 chunks on 4 worker processes: genomes travel, the run is the local one bit for bit', async () => {
    const run = (executor?: Executor<NeatRemoteJob, NeatWorkerResult>) =>
      new NeatTrainer({ neat: { populationSize: 60 } }, 'neat', executor === undefined ? {} : { executor }).fit({
        task: createTask('xor', 0),
        rng: Rng.fromSeed(4),
        budget: { generations: 8 },
      });
    const local = await run();
    if (workers.length < 4) await startWorkers(4 - workers.length);
    const remote = async (concurrency: number) => {
      const executor = queueExecutor<NeatRemoteJob, NeatWorkerResult>({
        url: redis.url,
        queue: neatQueue,
        jobIdPrefix: `neat-${concurrency}`,
        concurrency,
      });
      let genomes = 0;
      try {
        return {
          result: await run({
            concurrency,
            submit: (job) => {
              genomes += job.payload.genomes.length;
              return executor.submit(job);
            },
            close: async () => {},
          }),
          genomes,
        };
      } finally {
        await executor.close();
      }
    };
    const [byOne, byFour] = [await remote(1), await remote(4)];
    for (const { result, genomes } of [byOne, byFour]) {
      expect(result.metrics).toEqual(local.metrics);
      expect(result.model.spec).toEqual(local.model.spec);
      expect(Array.from(result.model.params.vector)).toEqual(Array.from(local.model.params.vector));
      expect(result.cost.flops).toBe(local.cost.flops);
      // Every genome of every generation went over the wire (nothing scored on this side).
      expect(genomes).toBe(60 * result.history.length);
    }
  }, 240_000);
});
