import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Checkpoint, ObjectiveTask, TrainerEvent } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it, vi } from 'vitest';
import { sphere } from '../testing-fixtures/objectives.js';
import { fragileTask } from './__fixtures__/fragile-task.js';
import { EvolutionTrainer } from './evolution-trainer.js';
import { VectorModel } from './vector-model.js';

const bytes = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

const sphereTask = (dimension: number, value: (x: Float32Array | Float64Array) => number = sphere): ObjectiveTask => ({
  kind: 'objective',
  id: 'sphere',
  seed: 0,
  description: 'sphere',
  metric: 'objective',
  dimension,
  optimum: 0,
  evaluate: value,
  initialPoint: new Float64Array(dimension).fill(1),
  sigma: 1,
});

describe('EvolutionTrainer', () => {
  it('takes validateEvery; the old name evaluateEvery still works, with one deprecation warning', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(new EvolutionTrainer({ strategy: 'ga', validateEvery: 3 }).config.validateEvery).toBe(3);
    expect(emit).not.toHaveBeenCalled();
    for (let i = 0; i < 2; i++) expect(new EvolutionTrainer({ strategy: 'ga', evaluateEvery: 4 }).config.validateEvery).toBe(4);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(String(emit.mock.calls[0]?.[0])).toBe(
      "EvolutionTrainer: 'evaluateEvery' is deprecated, write 'validateEvery' (the old name still works for now)",
    );
    expect(() => new EvolutionTrainer({ strategy: 'ga', evaluateEvery: 4, validateEvery: 4 })).toThrow(/unknown key 'evaluateEvery'/);
    emit.mockRestore();
  });

  it('objective task: CMA-ES minimises the vector model, charging one evaluation per candidate', async () => {
    const trainer = new EvolutionTrainer({ strategy: 'cmaEs' });
    expect(trainer.id).toBe('cma-es');
    const result = await trainer.fit({ task: sphereTask(5), rng: Rng.fromSeed(0), budget: { generations: 120 } });
    expect(result.model).toBeInstanceOf(VectorModel);
    expect(result.metrics.objective).toBeLessThan(1e-6);
    expect(result.cost.generations).toBe(result.history.length);
    expect(result.cost.evaluations).toBe(result.cost.generations * 8); // λ = 4 + ⌊3 ln 5⌋ = 8
  });

  it('CMA-ES is charged its n³ eigendecomposition only in the generations that compute one', async () => {
    const run = (eigenEvery: number) =>
      new EvolutionTrainer({ strategy: 'cmaEs', strategyConfig: { eigenEvery } }).fit({
        task: sphereTask(5),
        rng: Rng.fromSeed(0),
        budget: { generations: 9 },
      });
    const [every, lazy] = [await run(1), await run(3)];
    const bookkeeping = 9 * 4 * 8 * 5 * 5; // 4λn² per generation, λ = 8
    expect(every.cost.flops).toBe(bookkeeping + 9 * 5 ** 3);
    expect(lazy.cost.flops).toBe(bookkeeping + 3 * 5 ** 3);
  });

  it('supervised task: fitness is the train loss, FLOPs are charged, the model improves', async () => {
    const task = createTask('circles', 1, { samples: 200 });
    const trainer = new EvolutionTrainer({
      strategy: 'openAiEs',
      strategyConfig: { populationSize: 20, sigma: 0.1, optimizer: { name: 'adam', learningRate: 0.05 } },
      model: { hidden: [8] },
      validateEvery: 5,
    });
    const result = await trainer.fit({ task, rng: Rng.fromSeed(1), budget: { generations: 15 } });
    const first = result.history[0].metrics.loss;
    const last = result.history[result.history.length - 1].metrics.loss;
    expect(last).toBeLessThan(first as number);
    expect(result.cost.flops).toBeGreaterThan(0);
    expect(task.kind).toBe('supervised');
    if (task.kind === 'supervised') expect(result.cost.evaluations).toBe(15 * 20 * task.train.x.shape[0]);
    expect(result.history[4].metrics['val.accuracy']).toBeGreaterThanOrEqual(0);
    expect(result.metrics.accuracy).toBeGreaterThan(0);
  });

  it('mini-batch fitness charges batchSize samples per candidate', async () => {
    const task = createTask('circles', 1, { samples: 200 });
    const trainer = new EvolutionTrainer({ strategy: 'snes', strategyConfig: { populationSize: 6 }, fitnessBatchSize: 16 });
    const result = await trainer.fit({ task, rng: Rng.fromSeed(1), budget: { generations: 3 } });
    expect(result.cost.evaluations).toBe(3 * 6 * 16);
    // The old place, fitness.batchSize, still works (with a deprecation warning) and gives the same run.
    const old = new EvolutionTrainer({ strategy: 'snes', strategyConfig: { populationSize: 6 }, fitness: { batchSize: 16 } });
    expect(old.config).toEqual(trainer.config);
    const again = await old.fit({ task, rng: Rng.fromSeed(1), budget: { generations: 3 } });
    expect(Array.from(again.model.params.vector)).toEqual(Array.from(result.model.params.vector));
  });

  it('resumes exactly from a checkpoint, and the checkpoint survives JSON', async () => {
    const task = createTask('circles', 2, { samples: 120 });
    const trainer = new EvolutionTrainer({ strategy: 'cmaEs', model: { hidden: [4] }, fitnessBatchSize: 32 });
    const saved: Checkpoint[] = [];
    const straight = await trainer.fit({
      task,
      rng: Rng.fromSeed(3),
      budget: { generations: 12 },
      checkpoint: { every: 6, save: (c) => saved.push(c) },
    });
    const checkpoint = JSON.parse(JSON.stringify(saved[0])) as Checkpoint;
    expect(checkpoint.step).toBe(6);
    const resumed = await trainer.fit({ task, rng: Rng.fromSeed(3), budget: { generations: 12 }, resume: checkpoint });
    expect(bytes(resumed.model.params.vector)).toBe(bytes(straight.model.params.vector));
    expect(resumed.history.map((e) => e.metrics)).toEqual(straight.history.map((e) => e.metrics));
    expect(resumed.cost.evaluations).toBe(straight.cost.evaluations);
  });

  it('same seed ⇒ identical bytes; another seed differs', async () => {
    const task = createTask('circles', 2, { samples: 100 });
    const trainer = new EvolutionTrainer({ strategy: 'ga', model: { hidden: [4] }, strategyConfig: { populationSize: 10 } });
    const run = (seed: number) => trainer.fit({ task, rng: Rng.fromSeed(seed), budget: { generations: 4 } });
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(bytes(a.model.params.vector)).toBe(bytes(b.model.params.vector));
    expect(bytes(a.model.params.vector)).not.toBe(bytes(c.model.params.vector));
  });

  it('searches only the trainable weights; frozen ones are returned unchanged', async () => {
    const task = createTask('circles', 2, { samples: 100 });
    const first = await new EvolutionTrainer({ strategy: 'snes', model: { hidden: [4] } }).fit({
      task,
      rng: Rng.fromSeed(0),
      budget: { generations: 1 },
    });
    const model = first.model.clone();
    const frozen = model.params.names[0];
    model.params.setTrainable([frozen], false);
    const before = Float32Array.from(model.params.get(frozen).data);
    const result = await new EvolutionTrainer({ strategy: 'snes' }).fit({ task, model, rng: Rng.fromSeed(1), budget: { generations: 5 } });
    expect(bytes(result.model.params.get(frozen).data)).toBe(bytes(before));
    expect(bytes(result.model.params.vector)).not.toBe(bytes(model.params.vector));
  });

  it('ends as diverged, with the step, when every fitness is NaN', async () => {
    const result = await new EvolutionTrainer({ strategy: 'cmaEs' }).fit({
      task: sphereTask(3, () => Number.NaN),
      rng: Rng.fromSeed(0),
      budget: { generations: 10 },
    });
    expect(result.status).toBe('diverged');
    expect(result.divergedAtStep).toBe(1);
    expect(result.reason).toMatch(/non-finite fitness/);
  });

  it('stops at a target metric, on an abort signal, and when the strategy converges', async () => {
    const target = await new EvolutionTrainer({ strategy: 'cmaEs' }).fit({
      task: sphereTask(3),
      rng: Rng.fromSeed(0),
      budget: { generations: 500, target: { metric: 'val.objective', value: 1e-3, direction: 'min' } },
    });
    expect(target.status).toBe('reached-target');
    expect(target.metrics.objective).toBeLessThanOrEqual(1e-3);
    const controller = new AbortController();
    const events: TrainerEvent[] = [];
    const aborted = await new EvolutionTrainer({ strategy: 'cmaEs' }).fit({
      task: sphereTask(3),
      rng: Rng.fromSeed(0),
      budget: { generations: 500 },
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (events.length === 3) controller.abort();
      },
    });
    expect(aborted.status).toBe('aborted');
    expect(aborted.history.length).toBe(3);
    const converged = await new EvolutionTrainer({ strategy: 'cmaEs', strategyConfig: { stop: { tolFun: 1e-3 } } }).fit({
      task: sphereTask(3),
      rng: Rng.fromSeed(0),
      budget: { generations: 1000 },
    });
    expect(converged.reason).toBe('strategy stopped: tolFun');
  });

  it('rejects bad configs and unbounded budgets loudly', async () => {
    expect(() => new EvolutionTrainer({ strategy: 'cmaES' } as never)).toThrow(/strategy/);
    expect(() => new EvolutionTrainer({ strategy: 'cmaEs', popSize: 3 } as never)).toThrow(
      /popSize: expected one of the keys .*strategyConfig.*, got unknown key 'popSize'/,
    );
    await expect(
      new EvolutionTrainer({ strategy: 'cmaEs' }).fit({ task: sphereTask(2), rng: Rng.fromSeed(0), budget: {} }),
    ).rejects.toThrow(/a budget with at least one cap/);
    expect(() => new EvolutionTrainer({ strategy: 'cmaEs', strategyConfig: { sigma: -1 } })).toThrow(/sigma/);
    expect(() => new EvolutionTrainer({ strategy: 'openAiEs', strategyConfig: { populationSize: 7 } })).toThrow(/even populationSize/);
  });
});

describe('EvolutionTrainer on worker threads', () => {
  it('gives identical bytes on 1 and 2 workers (and in-process)', async () => {
    const task = createTask('circles', 3, { samples: 120 });
    const run = (workers: number) =>
      new EvolutionTrainer({
        strategy: 'openAiEs',
        workers,
        model: { hidden: [6] },
        strategyConfig: { populationSize: 10 },
        fitnessBatchSize: 40,
      }).fit({ task, rng: Rng.fromSeed(9), budget: { generations: 3 } });
    const [inProcess, one, two] = [await run(0), await run(1), await run(2)];
    expect(bytes(one.model.params.vector)).toBe(bytes(two.model.params.vector));
    expect(bytes(inProcess.model.params.vector)).toBe(bytes(one.model.params.vector));
    expect(two.history.map((e) => e.metrics)).toEqual(one.history.map((e) => e.metrics));
    expect(two.cost.evaluations).toBe(one.cost.evaluations);
    expect(two.cost.flops).toBe(one.cost.flops);
  });

  it('control task with per-candidate episode seeds (from generation and index): 2 workers match in-process', async () => {
    const task = createTask('cart-pole', 0, { maxSteps: 50 });
    const run = (workers: number) =>
      new EvolutionTrainer({
        strategy: 'snes',
        workers,
        model: { hidden: [4] },
        strategyConfig: { populationSize: 7 },
        fitness: { episodes: 2, episodeSeeds: 'per-candidate' },
      }).fit({
        task,
        rng: Rng.fromSeed(4),
        budget: { generations: 3 },
      });
    const [inProcess, two] = [await run(0), await run(2)];
    expect(bytes(two.model.params.vector)).toBe(bytes(inProcess.model.params.vector));
    expect(two.history.map((e) => e.metrics)).toEqual(inProcess.history.map((e) => e.metrics));
  });

  const fragile = (mode: 'ok' | 'throw-always' | 'crash-once') => {
    const marker = join(mkdtempSync(join(tmpdir(), 'evoprop-')), 'crashed');
    return fragileTask({ mode, marker, dimension: 3 });
  };
  const taskFactory = { module: new URL('./__fixtures__/fragile-task.ts', import.meta.url).href, export: 'fragileTask' };

  it('retries a chunk whose worker thread died, and reports the retry as a warning', async () => {
    const events: TrainerEvent[] = [];
    const crashy = await new EvolutionTrainer({ strategy: 'cmaEs', workers: 1, taskFactory }).fit({
      task: fragile('crash-once'),
      rng: Rng.fromSeed(0),
      budget: { generations: 3 },
      onEvent: (e) => events.push(e),
    });
    const clean = await new EvolutionTrainer({ strategy: 'cmaEs' }).fit({
      task: fragile('ok'),
      rng: Rng.fromSeed(0),
      budget: { generations: 3 },
    });
    expect(events.filter((e) => e.type === 'warning').length).toBe(1);
    expect(bytes(crashy.model.params.vector)).toBe(bytes(clean.model.params.vector));
  });

  it('surfaces a worker that keeps failing as a WorkerEvaluationError', async () => {
    const trainer = new EvolutionTrainer({ strategy: 'cmaEs', workers: 1, maxRetries: 1, taskFactory });
    await expect(trainer.fit({ task: fragile('throw-always'), rng: Rng.fromSeed(0), budget: { generations: 3 } })).rejects.toThrow(
      /candidate 0 in generation 0 failed after 2 attempt\(s\): fragile task/,
    );
  });
});
