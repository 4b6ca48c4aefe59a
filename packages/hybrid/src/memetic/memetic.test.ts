import { type Checkpoint, type SupervisedTask, lossFor, mlp } from '@evoprop/core';
import { decodeState } from '@evoprop/core/training';
import { EvolutionTrainer, type GaState } from '@evoprop/evolution';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, noGrad } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { MemeticTrainer } from './memetic-trainer.js';

type Mode = 'lamarckian' | 'baldwinian';

/** One generation of a memetic GA; returns the GA state after its first tell and the model used. */
async function oneGeneration(mode: Mode) {
  const task = createSupervisedTask('circles', 3, { samples: 60 });
  const model = mlp({ inputSize: 2, hidden: [4], outputSize: 2, activation: 'tanh' }, Rng.fromSeed(9));
  const saved: Checkpoint[] = [];
  const trainer = new MemeticTrainer({
    strategy: 'ga',
    mode,
    strategyConfig: { populationSize: 4 },
    refinement: { steps: 8, optimizer: { name: 'adam', learningRate: 0.05 } },
  });
  await trainer.fit({
    task,
    model,
    rng: Rng.fromSeed(1),
    budget: { generations: 1 },
    checkpoint: { every: 1, save: (c) => saved.push(c) },
  });
  const state = (decodeState(saved[0]?.state) as { strategy: GaState }).strategy;
  return { state, task, model };
}

/** Train loss of a weight vector (all weights trainable here). */
function lossOf(task: SupervisedTask, model: ReturnType<typeof mlp>, x: Float64Array): number {
  const m = model.clone();
  m.params.setVector(Float32Array.from(x));
  return noGrad(() => lossFor(task.loss)(m.forward(task.train.x), task.train.y).item());
}

describe('memetic write-back', () => {
  it('Lamarckian tells the refined weights: the stored genome is the one whose loss was measured', async () => {
    const { state, task, model } = await oneGeneration('lamarckian');
    expect(state.population).toHaveLength(4);
    state.population.forEach((x, i) => expect(lossOf(task, model, x)).toBeCloseTo(state.fitness[i] as number, 5));
  });

  it('Baldwinian tells the sampled genome with the refined fitness: the genome itself scores worse', async () => {
    const lam = await oneGeneration('lamarckian');
    const bal = await oneGeneration('baldwinian');
    // Same seed ⇒ same sampled candidates and the same refined fitness in both modes...
    expect(Array.from(bal.state.fitness)).toEqual(Array.from(lam.state.fitness));
    // ...but only the Lamarckian population holds the refined vectors.
    bal.state.population.forEach((x, i) => {
      expect(Array.from(x)).not.toEqual(Array.from(lam.state.population[i] as Float64Array));
      expect(lossOf(bal.task, bal.model, x)).toBeGreaterThan((bal.state.fitness[i] as number) + 1e-3);
    });
  });
});

describe('memetic vs its base strategy', () => {
  it('beats the plain GA at an equal evaluation budget on circles', async () => {
    const task = createSupervisedTask('circles', 1, { samples: 150 });
    const budget = { evaluations: 25_000 };
    const model = { hidden: [6], activation: 'tanh' as const };
    const memetic = await new MemeticTrainer({
      strategy: 'ga',
      strategyConfig: { populationSize: 6 },
      refinement: { steps: 10, optimizer: { name: 'adam', learningRate: 0.05 } },
      model,
    }).fit({ task, rng: Rng.fromSeed(4), budget });
    const plain = await new EvolutionTrainer({
      strategy: 'ga',
      strategyConfig: { populationSize: 6, sigma: 0.5 },
      model,
      result: 'best',
    }).fit({ task, rng: Rng.fromSeed(4), budget });
    expect(memetic.cost.evaluations).toBeLessThanOrEqual(budget.evaluations + 6 * 11 * 90);
    expect(memetic.metrics.accuracy as number).toBeGreaterThanOrEqual(0.9);
    expect(memetic.metrics.accuracy as number).toBeGreaterThan((plain.metrics.accuracy as number) + 0.1);
  });
});

describe('optimizer-state inheritance (Lamarckian)', () => {
  /** Largest Adam step count among the pool's optimizer states after two generations. */
  async function maxAdamCount(inheritOptimizerState: boolean): Promise<number> {
    const saved: Checkpoint[] = [];
    const trainer = new MemeticTrainer({
      strategy: 'ga',
      inheritOptimizerState,
      strategyConfig: { populationSize: 2, crossoverRate: 0, mutation: { kind: 'gaussian', sigma: 1e-6, selfAdaptive: false } },
      refinement: { steps: 5, optimizer: { name: 'adam', learningRate: 0.01 } },
      model: { hidden: [3], activation: 'tanh' },
    });
    await trainer.fit({
      task: createSupervisedTask('circles', 2, { samples: 40 }),
      rng: Rng.fromSeed(3),
      budget: { generations: 2 },
      checkpoint: { every: 2, save: (c) => saved.push(c) },
    });
    const state = decodeState(JSON.parse(JSON.stringify(saved[0]?.state))) as {
      pool: { optimizer: { inner: [{ count: number }, null] } }[];
    };
    return Math.max(0, ...state.pool.map((e) => e.optimizer.inner[0].count));
  }

  it("a child continues its parent's Adam moments: 5 + 5 steps, not a fresh 5", async () => {
    expect(await maxAdamCount(true)).toBe(10);
    expect(await maxAdamCount(false)).toBe(0); // no pool is kept without inheritance
  });
});

describe('memetic under a FLOP cap', () => {
  const task = createSupervisedTask('circles', 3, { samples: 200 });
  const trainer = () =>
    new MemeticTrainer({ strategy: 'ga', strategyConfig: { populationSize: 4 }, refinement: { steps: 10 }, model: { hidden: [8] } });
  /** What one candidate costs (refinement and scoring), read off an unconstrained one-generation run. */
  async function oneCandidateFlops(): Promise<number> {
    const r = await trainer().fit({ task, rng: Rng.fromSeed(0), budget: { generations: 1 } });
    return r.cost.flops / 4;
  }

  it('refuses a first candidate that cannot fit instead of spending past the cap (its cost is probed, not guessed as 0)', async () => {
    const one = await oneCandidateFlops();
    const r = await trainer().fit({ task, rng: Rng.fromSeed(0), budget: { flops: Math.floor(one / 2) } });
    expect(r.cost.flops).toBe(0);
    expect(r.status).toBe('budget-exhausted');
  });

  it('spends at most the cap and runs the candidates that fit', async () => {
    const one = await oneCandidateFlops();
    const cap = Math.floor(2.5 * one);
    const r = await trainer().fit({ task, rng: Rng.fromSeed(0), budget: { flops: cap } });
    expect(r.cost.flops).toBeLessThanOrEqual(cap);
    expect(r.cost.flops).toBeGreaterThan(cap - one);
  });
});
