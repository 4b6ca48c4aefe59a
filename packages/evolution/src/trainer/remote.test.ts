import { type Executor, inlineExecutor } from '@evoprop/core';
import { createControlTask, createTask, createTaskFromSpec } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { openAiEs } from '../strategies/openai-es.js';
import type { ChunkOutput } from './chunks.js';
import { EvolutionTrainer } from './evolution-trainer.js';
import type { CandidateResult } from './fitness.js';
import { type RemoteEvaluationJob, remoteEvaluationHandler } from './remote.js';

type Remote = Executor<RemoteEvaluationJob, ChunkOutput<CandidateResult>>;

/** An in-process stand-in for a queue: the same handler queue workers run, `concurrency` chunks per generation, payloads recorded. */
function recordingExecutor(concurrency: number, seen: RemoteEvaluationJob[]): Remote {
  const inner = inlineExecutor(remoteEvaluationHandler());
  return {
    concurrency,
    submit: (job) => {
      seen.push(structuredClone(job.payload));
      return inner.submit(job);
    },
    close: () => inner.close(),
  };
}

const config = { strategy: 'openAiEs', strategyConfig: { populationSize: 12, sigma: 0.1, noise: 'indexed' } } as const;
const fit = (executor?: Remote) =>
  new EvolutionTrainer(config, executor === undefined ? {} : { executor }).fit({
    task: createTask('circles', 1, { samples: 120 }),
    rng: Rng.fromSeed(5),
    budget: { generations: 4 },
  });

describe('remote evaluation (the path queue workers take)', () => {
  it('OpenAI-ES with indexed noise: seeds travel, and 1 or 4 chunks give the local run bit for bit', async () => {
    const local = await fit();
    const one: RemoteEvaluationJob[] = [];
    const four: RemoteEvaluationJob[] = [];
    const byOne = await fit(recordingExecutor(1, one));
    const byFour = await fit(recordingExecutor(4, four));
    expect(Array.from(byOne.model.params.vector)).toEqual(Array.from(local.model.params.vector));
    expect(Array.from(byFour.model.params.vector)).toEqual(Array.from(local.model.params.vector));
    expect(byFour.history).toEqual(local.history.map((e) => ({ ...e, cost: { ...e.cost, wallSeconds: expect.any(Number) } })));
    expect(one.length).toBe(4);
    expect(four.length).toBe(16);
    expect(four.every((j) => j.candidates.kind === 'seeds')).toBe(true);
    expect(four.slice(0, 4).map((j) => [j.firstIndex, j.candidates.kind === 'seeds' ? j.candidates.count : 0])).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
      [9, 3],
    ]);
  });

  it('other strategies send vectors through the same executor, identical to the local run', async () => {
    const seen: RemoteEvaluationJob[] = [];
    const cma = { strategy: 'cmaEs', strategyConfig: { populationSize: 8 } } as const;
    const task = createTask('circles', 1, { samples: 120 });
    const run = (executor?: Remote) =>
      new EvolutionTrainer(cma, executor === undefined ? {} : { executor }).fit({ task, rng: Rng.fromSeed(2), budget: { generations: 3 } });
    const [local, remote] = [await run(), await run(recordingExecutor(3, seen))];
    expect(Array.from(remote.model.params.vector)).toEqual(Array.from(local.model.params.vector));
    expect(seen.every((j) => j.candidates.kind === 'vectors')).toBe(true);
  });

  it('a control task is rebuilt by the createTask given to the handler (a Web Worker imports no module by name): the local run bit for bit', async () => {
    // A task factory module that does not exist: only the handler's createTask can build the task.
    const cma = {
      strategy: 'cmaEs',
      strategyConfig: { populationSize: 6 },
      fitness: { episodes: 2 },
      taskFactory: { module: 'no-such-module', export: 'build' },
    } as const;
    const task = createControlTask('cart-pole', 3);
    const built: unknown[] = [];
    const handler = remoteEvaluationHandler(4, (spec: Parameters<typeof createTaskFromSpec>[0]) => {
      built.push(spec);
      return createTaskFromSpec(spec);
    });
    const run = (executor?: Remote) =>
      new EvolutionTrainer(cma, executor === undefined ? {} : { executor }).fit({ task, rng: Rng.fromSeed(4), budget: { generations: 3 } });
    const [local, remote] = [await run(), await run(inlineExecutor(handler))];
    expect(Array.from(remote.model.params.vector)).toEqual(Array.from(local.model.params.vector));
    expect(remote.metrics).toEqual(local.metrics);
    expect(built).toEqual([task.spec]);
    // Without it, the worker names the module it could not import.
    await expect(run(inlineExecutor(remoteEvaluationHandler()))).rejects.toThrow(/no-such-module/);
  });

  it('indexed noise: each candidate is a function of the generation seed and its index, mirrored in pairs', () => {
    const state = openAiEs.init(new Float64Array(6), { populationSize: 6, sigma: 0.5, noise: 'indexed' }, Rng.fromSeed(1));
    const asked = openAiEs.ask(state);
    const [a, b] = [asked.candidates[2], asked.candidates[3]];
    expect(Array.from(a ?? [], (v, i) => v + (b?.[i] ?? 0))).toEqual(new Array(6).fill(0));
    // The default stream noise is unchanged by the option's existence.
    const stream = openAiEs.ask(openAiEs.init(new Float64Array(6), { populationSize: 6, sigma: 0.5 }, Rng.fromSeed(1)));
    expect(stream.state).not.toHaveProperty('noiseSeed');
    expect(stream.candidates[0]).not.toEqual(asked.candidates[0]);
  });
});
