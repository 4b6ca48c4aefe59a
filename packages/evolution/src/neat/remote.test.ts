import { type Executor, inlineExecutor } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import type { NeatWorkerResult } from './neat-worker.js';
import { type NeatRemoteJob, remoteNeatScoringHandler } from './remote.js';
import { NeatTrainer } from './trainer.js';

type Remote = Executor<NeatRemoteJob, NeatWorkerResult>;

/** An in-process stand-in for a queue: the handler queue workers run, `concurrency` chunks, payloads checked to survive JSON. */
function jsonExecutor(concurrency: number, seen: NeatRemoteJob[]): Remote {
  const inner = inlineExecutor(remoteNeatScoringHandler());
  return {
    concurrency,
    submit: (job) => {
      // What a queue does to the genomes: plain JSON there and back.
      const payload = JSON.parse(JSON.stringify(job.payload)) as NeatRemoteJob;
      seen.push(payload);
      return inner.submit({ ...job, payload });
    },
    close: () => inner.close(),
  };
}

describe('NEAT on a remote executor (the path queue workers take)', () => {
  it('genomes travel as JSON, and 1 or 3 chunks give the local run bit for bit', async () => {
    const run = (executor?: Remote) =>
      new NeatTrainer({ neat: { populationSize: 30 } }, 'neat', executor === undefined ? {} : { executor }).fit({
        task: createTask('xor', 0),
        rng: Rng.fromSeed(4),
        budget: { generations: 6 },
      });
    const local = await run();
    const one: NeatRemoteJob[] = [];
    const three: NeatRemoteJob[] = [];
    const [byOne, byThree] = [await run(jsonExecutor(1, one)), await run(jsonExecutor(3, three))];
    expect(byOne.metrics).toEqual(local.metrics);
    expect(byThree.metrics).toEqual(local.metrics);
    expect(byThree.model.spec).toEqual(local.model.spec);
    expect(Array.from(byThree.model.params.vector)).toEqual(Array.from(local.model.params.vector));
    expect(byThree.cost.flops).toBe(local.cost.flops);
    expect(three.length).toBe(3 * one.length);
    expect(three[0]?.genomes.length).toBe(10);
  });
});
