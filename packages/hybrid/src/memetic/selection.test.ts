import { type Checkpoint, evaluateModel, mlp } from '@evoprop/core';
import { decodeState } from '@evoprop/core/training';
import { hugeTargetTask, xorTask } from '@evoprop/core/testing';
import type { GaState } from '@evoprop/evolution';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { MemeticTrainer } from './memetic-trainer.js';

const small = { hidden: [4], activation: 'tanh' as const };
const refinement = { steps: 20, optimizer: { name: 'adam' as const, learningRate: 0.05 } };
const circles = () => createSupervisedTask('circles', 5, { samples: 120 });

describe('memetic budget', () => {
  it('truncates the last generation to the candidates that fit the FLOP cap (never past it, less than one candidate short)', async () => {
    const one = await new MemeticTrainer({ strategyConfig: { populationSize: 4 }, refinement, model: small }).fit({
      task: circles(),
      rng: Rng.fromSeed(1),
      budget: { generations: 1 },
    });
    const perGeneration = one.cost.flops;
    const perCandidate = perGeneration / 4;
    // Generations of 4 candidates (80 steps), then 3 (the GA keeps its elite): 80 + 60 fit, then two of the third's three.
    const budget = { flops: Math.round(2.3 * perGeneration) };
    const r = await new MemeticTrainer({ strategyConfig: { populationSize: 4 }, refinement, model: small }).fit({
      task: circles(),
      rng: Rng.fromSeed(1),
      budget,
    });
    expect(r.status).toBe('budget-exhausted');
    expect(r.cost.flops).toBeLessThanOrEqual(budget.flops);
    expect(r.cost.flops).toBeGreaterThan(budget.flops - perCandidate);
    // Whole candidates only (20 steps each), and not whole generations: the last one was cut short.
    expect(r.cost.gradientSteps % 20).toBe(0);
    expect(r.cost.gradientSteps).toBe(180);
    expect(r.budget?.unspent.flops).toBe(budget.flops - r.cost.flops);
  });
});

describe('memetic fitness and result selection', () => {
  it("fitnessSplit 'validation' with fitness 'accuracy' tells the GA validation error rates (loss only breaks ties)", async () => {
    const task = circles();
    const saved: Checkpoint[] = [];
    await new MemeticTrainer({
      strategyConfig: { populationSize: 4 },
      fitnessSplit: 'validation',
      fitness: 'accuracy',
      refinement,
      model: small,
    }).fit({ task, rng: Rng.fromSeed(2), budget: { generations: 1 }, checkpoint: { every: 1, save: (c) => saved.push(c) } });
    const state = (decodeState(saved[0]?.state) as { strategy: GaState }).strategy;
    const rows = task.validation.x.shape[0] as number;
    for (const f of state.fitness) {
      const errors = Math.floor(f * rows + 1e-6);
      expect(f).toBeGreaterThanOrEqual(errors / rows);
      expect(f).toBeLessThan((errors + 0.11) / rows);
    }
  });

  it("result 'validation' returns a refined candidate at least as good on validation as the fittest one", async () => {
    const run = (result: 'best' | 'validation') =>
      new MemeticTrainer({ strategyConfig: { populationSize: 4 }, result, refinement, model: small }).fit({
        task: circles(),
        rng: Rng.fromSeed(3),
        budget: { generations: 3 },
      });
    const task = circles();
    const [best, selected] = [await run('best'), await run('validation')];
    const acc = (m: typeof best.model) => evaluateModel(m, task.validation, task).accuracy as number;
    expect(acc(selected.model)).toBeGreaterThanOrEqual(acc(best.model));
    // The selection's validation scoring is charged: more evaluations for the same gradient steps.
    expect(selected.cost.gradientSteps).toBe(best.cost.gradientSteps);
    expect(selected.cost.evaluations).toBeGreaterThan(best.cost.evaluations);
  });

  it("initialPopulation 'reinitialize': slot 0 is the initial weights, the others independent fresh initialisations", async () => {
    const firstPopulation = async (initialPopulation: 'strategy' | 'reinitialize') => {
      const model = mlp({ inputSize: 2, hidden: [4], outputSize: 2, activation: 'tanh' }, Rng.fromSeed(11));
      const saved: Checkpoint[] = [];
      // k = 0: the told vectors are the starting points themselves.
      await new MemeticTrainer({ strategyConfig: { populationSize: 3 }, initialPopulation, refinement: { steps: 0 } }).fit({
        task: circles(),
        model,
        rng: Rng.fromSeed(4),
        budget: { generations: 1 },
        checkpoint: { every: 1, save: (c) => saved.push(c) },
      });
      return {
        init: Array.from(model.params.vector),
        population: (decodeState(saved[0]?.state) as { strategy: GaState }).strategy.population,
      };
    };
    const fresh = await firstPopulation('reinitialize');
    expect(Array.from(fresh.population[0] as Float64Array)).toEqual(fresh.init);
    const [a, b] = [Array.from(fresh.population[1] as Float64Array), Array.from(fresh.population[2] as Float64Array)];
    expect(a).not.toEqual(fresh.init);
    expect(a).not.toEqual(b);
    const sampled = await firstPopulation('strategy');
    expect(Array.from(sampled.population[0] as Float64Array)).not.toEqual(sampled.init);
  });

  it("fitnessSplit 'train+validation' scores the error rate over both splits' rows", async () => {
    const task = circles();
    const saved: Checkpoint[] = [];
    await new MemeticTrainer({
      strategyConfig: { populationSize: 3 },
      fitnessSplit: 'train+validation',
      fitness: 'accuracy',
      refinement,
      model: small,
    }).fit({
      task,
      rng: Rng.fromSeed(6),
      budget: { generations: 1 },
      checkpoint: { every: 1, save: (c) => saved.push(c) },
    });
    const rows = (task.train.x.shape[0] as number) + (task.validation.x.shape[0] as number);
    for (const f of (decodeState(saved[0]?.state) as { strategy: GaState }).strategy.fitness) {
      const errors = Math.floor(f * rows + 1e-6);
      expect(f).toBeLessThan((errors + 0.11) / rows);
    }
  });

  it('rejects accuracy fitness on regression and a validation fitness without validation rows', async () => {
    const fit = (trainer: MemeticTrainer, task = xorTask()) => trainer.fit({ task, rng: Rng.fromSeed(0), budget: { generations: 1 } });
    await expect(fit(new MemeticTrainer({ fitness: 'accuracy', model: small }), hugeTargetTask())).rejects.toThrow(
      /classification task for fitness 'accuracy', got regression task 'huge-targets-reference'/,
    );
    const noValidation = {
      ...xorTask(),
      validation: { x: new Tensor(new Float32Array(0), [0, 2]), y: new Tensor(new Float32Array(0), [0]) },
    };
    await expect(fit(new MemeticTrainer({ fitnessSplit: 'validation', model: small }), noValidation)).rejects.toThrow(
      /non-empty validation split \(fitnessSplit\), got 0 samples/,
    );
  });
});
