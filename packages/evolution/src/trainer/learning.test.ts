import { evaluateModel } from '@evoprop/core';
import { createRegistry, createTrainer } from '@evoprop/core/registry';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { evolutionTrainers } from './definitions.js';
import { EvolutionTrainer } from './evolution-trainer.js';

describe('EvolutionTrainer learns', () => {
  // Circles rather than two spirals: spirals reaches ≈ 93 % after 400 generations of 40
  // (about 35 s here), circles passes 95 % in about 50 generations.
  it('OpenAI-ES trains an MLP on circles to ≥ 95 % test accuracy', async () => {
    const task = createTask('circles', 0);
    const trainer = new EvolutionTrainer({
      strategy: 'openAiEs',
      model: { hidden: [8] },
      strategyConfig: { populationSize: 40, sigma: 0.1, optimizer: { name: 'adam', learningRate: 0.05 } },
      validateEvery: 20,
    });
    const result = await trainer.fit({
      task,
      rng: Rng.fromSeed(0),
      budget: { generations: 200, target: { metric: 'val.accuracy', value: 0.97 } },
    });
    // One truth: the run stops at the first generation whose returned model (the mean) reaches
    // 0.97 on validation, and the model it returns is that one.
    expect(result.status).toBe('reached-target');
    if (task.kind !== 'supervised') throw new Error('circles is supervised');
    expect(evaluateModel(result.model, task.validation, task).accuracy).toBeGreaterThanOrEqual(0.97);
    expect(result.metrics.accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('CMA-ES balances a single pole for 1,000 steps with a linear policy', async () => {
    const task = createTask('cart-pole', 0, { maxSteps: 1000 });
    const trainer = new EvolutionTrainer({
      strategy: 'cmaEs',
      model: { hidden: [] },
      strategyConfig: { sigma: 0.5 },
      fitness: { episodes: 2 },
      validateEvery: 5,
      evaluationEpisodes: 5,
    });
    const result = await trainer.fit({
      task,
      rng: Rng.fromSeed(0),
      budget: { generations: 60, target: { metric: 'val.return', value: 1000 } },
    });
    expect(result.status).toBe('reached-target');
    // Five held-out test episodes, none seen in training: every one lasts the full 1,000 steps.
    expect(result.metrics.return).toBe(1000);
    expect(result.metrics.steps).toBe(1000);
  });
});

describe('evolutionTrainers (registry definitions)', () => {
  it('creates each trainer from plain JSON config, with matching ids', () => {
    for (const d of evolutionTrainers) {
      const trainer = d.create(d.configSchema.parse({ workers: 0 }));
      expect(trainer.id).toBe(d.id);
    }
    expect(evolutionTrainers.map((d) => d.id)).toEqual(expect.arrayContaining(['openai-es', 'cma-es', 'ga', 'snes', 'pgpe']));
  });

  it("plugs into core's registry: createTrainer by id with JSON config, unknown keys rejected", () => {
    const registry = createRegistry(evolutionTrainers, { what: 'trainer' });
    expect(createTrainer(registry, 'pgpe', { workers: 0, strategyConfig: { populationSize: 8 } }).id).toBe('pgpe');
    expect(() => createTrainer(registry, 'cma-es', { wokers: 2 })).toThrow(/wokers/);
    expect(() => createTrainer(registry, 'cma-ess')).toThrow(/expected one of .*cma-es/);
    expect(() => createTrainer(registry, 'cma-es', { strategyConfig: { sigma: -1 } })).toThrow(/sigma/);
  });
});
