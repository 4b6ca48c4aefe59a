// What one generation sends to queue workers, in bytes as they travel (the queue's encoded JSON):
// OpenAI-ES sending seeds (noise 'indexed') against the same run sending parameter vectors (noise
// 'stream'), and NEAT sending genomes. In process (the handler queue workers run, no Redis), so it
// is exact and takes seconds; the same runs through real worker processes are in
// src/queue/evolution-queue.test.ts.
// Run: node --conditions=@evoprop/source --import tsx apps/arena/bench/wire-bytes.ts
import { type Executor, type JobHandler, inlineExecutor } from '@evoprop/core';
import {
  type CandidateResult,
  type ChunkOutput,
  EvolutionTrainer,
  type RemoteEvaluationJob,
  remoteEvaluationHandler,
} from '@evoprop/evolution';
import { type NeatRemoteJob, NeatTrainer, type NeatWorkerResult, remoteNeatScoringHandler } from '@evoprop/evolution/neat';
import { encode } from '@evoprop/queue';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';

const chunks = 4;
const generations = 5;
const populationSize = 40;

/** An executor running `handler` here, `chunks` jobs per generation, adding up the bytes of every payload and result. */
function counting<J, R>(handler: JobHandler<J, R>) {
  const inner = inlineExecutor(handler);
  const bytes = { sent: 0, back: 0, jobs: 0 };
  const executor: Executor<J, R> = {
    concurrency: chunks,
    submit: async (job) => {
      bytes.sent += Buffer.byteLength(encode(job.payload));
      bytes.jobs += 1;
      const result = await inner.submit(job);
      bytes.back += Buffer.byteLength(encode(result));
      return result;
    },
    close: () => inner.close(),
  };
  return { executor, bytes };
}

const perGeneration = (n: number) => Math.round(n / generations).toLocaleString('en-US');

const weights: number[] = [];
for (const noise of ['indexed', 'stream'] as const) {
  const { executor, bytes } = counting<RemoteEvaluationJob, ChunkOutput<CandidateResult>>(remoteEvaluationHandler());
  const result = await new EvolutionTrainer(
    { strategy: 'openAiEs', strategyConfig: { populationSize, sigma: 0.1, noise } },
    { executor },
  ).fit({
    task: createTask('circles', 1, { samples: 120 }),
    rng: Rng.fromSeed(9),
    budget: { generations },
  });
  weights.push(result.model.params.vector.length);
  const what = noise === 'indexed' ? 'seeds' : 'vectors';
  console.log(
    `openai-es ${what}: ${perGeneration(bytes.sent)} bytes per generation to the workers, ${perGeneration(bytes.back)} back (${bytes.jobs / generations} jobs per generation)`,
  );
  await executor.close();
}
console.log(`(circles, ${weights[0]} weights, λ = ${populationSize}, ${chunks} chunks, ${generations} generations)`);

const neat = counting<NeatRemoteJob, NeatWorkerResult>(remoteNeatScoringHandler());
await new NeatTrainer({ neat: { populationSize: 60 } }, 'neat', { executor: neat.executor }).fit({
  task: createTask('xor', 0),
  rng: Rng.fromSeed(4),
  budget: { generations },
});
console.log(
  `neat genomes: ${perGeneration(neat.bytes.sent)} bytes per generation to the workers, ${perGeneration(neat.bytes.back)} back (xor, 60 genomes)`,
);
await neat.executor.close();
