import type { Checkpoint, ControlTask, ObjectiveTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { describe, expect, it } from 'vitest';
import { hardMazeTask } from '../novelty/hard-maze.js';
import { sphere } from '../testing-fixtures/objectives.js';
import { EvolutionTrainer } from './evolution-trainer.js';

const bytes = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

// The solution vector is the behaviour on an objective task: novelty pushes the mean away from
// everything seen, fitness pulls it to the optimum at 0.
const sphereTask = (dimension: number): ObjectiveTask => ({
  kind: 'objective',
  id: 'sphere',
  seed: 0,
  description: 'sphere',
  metric: 'objective',
  dimension,
  optimum: 0,
  evaluate: sphere,
  initialPoint: new Float64Array(dimension).fill(1),
  sigma: 0.3,
});

// The whole contract (budgets, determinism, checkpoint + resume with the archive) with novelty on:
// XOR's behaviours are the network's outputs on the fitness batch, mixed half and half with the loss.
describeTrainerConformance(
  'EvolutionTrainer (NS-ES: OpenAI-ES with novelty mixed with fitness, XOR)',
  () =>
    new EvolutionTrainer({
      strategy: 'openAiEs',
      model: { hidden: [4] },
      strategyConfig: { populationSize: 10, sigma: 0.2, optimizer: { name: 'adam', learningRate: 0.1 } },
      novelty: { k: 5, threshold: 0.1, fitnessWeight: 0.5 },
    }),
  { budgets: ['generations', 'evaluations', 'flops', 'wallSeconds'], caps: { generations: 6 } },
);

describe('novelty search in the EvolutionTrainer (NS-ES, Conti et al. 2018; Lehman & Stanley 2011)', () => {
  const es = (novelty?: Record<string, number>) =>
    new EvolutionTrainer({ strategy: 'openAiEs', strategyConfig: { populationSize: 20 }, ...(novelty === undefined ? {} : { novelty }) });

  it('OpenAI-ES told −novelty walks away from the optimum that fitness walks to; the best kept is still the fittest', async () => {
    const task = sphereTask(5);
    const plain = await es().fit({ task, rng: Rng.fromSeed(1), budget: { generations: 40 } });
    const novel = await es({ k: 10, threshold: 0.1 }).fit({ task, rng: Rng.fromSeed(1), budget: { generations: 40 } });
    const start = sphere(new Float64Array(5).fill(1));
    expect(plain.metrics.objective).toBeLessThan(start);
    expect(novel.metrics.objective).toBeGreaterThan(start);
    const last = novel.history[novel.history.length - 1]?.metrics ?? {};
    expect(last['novelty.archive']).toBeGreaterThan(0);
    // The best-so-far is the lowest loss any generation saw, not the most novel candidate.
    const losses = novel.history.map((e) => e.metrics.loss as number);
    expect(novel.extras?.bestFitness).toBe(losses.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY));
  });

  it('fitnessWeight 1 ranks by fitness alone: with centred ranks the run is bit-identical to plain OpenAI-ES', async () => {
    const task = sphereTask(4);
    const plain = await es().fit({ task, rng: Rng.fromSeed(2), budget: { generations: 15 } });
    const mixed = await es({ fitnessWeight: 1 }).fit({ task, rng: Rng.fromSeed(2), budget: { generations: 15 } });
    expect(bytes(mixed.model.params.vector)).toBe(bytes(plain.model.params.vector));
    expect(mixed.extras?.bestFitness).toBe(plain.extras?.bestFitness);
  });

  it('resumes exactly: the archive travels in the checkpoint (through JSON)', async () => {
    const task = createTask('circles', 2, { samples: 60 });
    const trainer = new EvolutionTrainer({
      strategy: 'ga',
      model: { hidden: [4] },
      fitnessBatchSize: 20,
      strategyConfig: { populationSize: 12 },
      novelty: { k: 5, fitnessWeight: 0.5 },
    });
    const saved: Checkpoint[] = [];
    const straight = await trainer.fit({
      task,
      rng: Rng.fromSeed(3),
      budget: { generations: 8 },
      checkpoint: { every: 4, save: (c) => saved.push(c) },
    });
    const checkpoint = JSON.parse(JSON.stringify(saved[0])) as Checkpoint;
    expect((checkpoint.state as { novelty?: { archived: number } }).novelty?.archived).toBeGreaterThan(0);
    const resumed = await trainer.fit({ task, rng: Rng.fromSeed(3), budget: { generations: 8 }, resume: checkpoint });
    expect(bytes(resumed.model.params.vector)).toBe(bytes(straight.model.params.vector));
    expect(resumed.history.map((e) => e.metrics)).toEqual(straight.history.map((e) => e.metrics));
  });

  it('worker threads return the behaviours: the same run on 2 workers is bit-identical to the in-thread one', async () => {
    const task = createTask('circles', 1, { samples: 60 });
    const run = (workers: number) =>
      new EvolutionTrainer({
        strategy: 'ga',
        model: { hidden: [4] },
        fitnessBatchSize: 20,
        strategyConfig: { populationSize: 8 },
        novelty: { k: 3 },
        workers,
      }).fit({ task, rng: Rng.fromSeed(4), budget: { generations: 4 } });
    const [here, threads] = [await run(0), await run(2)];
    expect(threads.history.at(-1)?.metrics['novelty.archive']).toBeGreaterThan(0);
    expect(threads.history.map((e) => e.metrics)).toEqual(here.history.map((e) => e.metrics));
    expect(bytes(threads.model.params.vector)).toBe(bytes(here.model.params.vector));
  }, 60_000);

  it('scores a control task by its episodeBehaviour (the hard maze: final positions), and refuses a task without one', async () => {
    const maze = hardMazeTask();
    const trainer = new EvolutionTrainer({
      strategy: 'openAiEs',
      strategyConfig: { populationSize: 6 },
      model: { hidden: [4] },
      fitness: { episodes: 1 },
      novelty: { k: 3, threshold: 1 },
      validateEvery: 100,
      evaluationEpisodes: 1,
    });
    const r = await trainer.fit({ task: maze, rng: Rng.fromSeed(0), budget: { generations: 2 } });
    expect(r.history[1]?.metrics['novelty.archive']).toBeGreaterThan(0);
    const blind: ControlTask = { ...maze, episodeBehaviour: undefined };
    await expect(trainer.fit({ task: blind, rng: Rng.fromSeed(0), budget: { generations: 1 } })).rejects.toThrow(/episodeBehaviour/);
    expect(() => new EvolutionTrainer({ strategy: 'ga', novelty: { k: 0 } })).toThrow(/novelty/);
  });
});
