import type { Checkpoint } from '@evoprop/core';
import { decodeState } from '@evoprop/core/training';
import { xorTask } from '@evoprop/core/testing';
import type { Genome, NeatPopulationState } from '@evoprop/evolution/neat';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { NeatBackpropTrainer } from './neat-backprop-trainer.js';

type State = { population: NeatPopulationState; best: { genome: Genome; fitness: number } };
const weights = (g: Genome) => JSON.stringify(g.connections.filter((c) => c.enabled).map((c) => [c.innovation, c.weight]));

async function firstGeneration(mode: 'lamarckian' | 'baldwinian') {
  const saved: Checkpoint[] = [];
  const trainer = new NeatBackpropTrainer({
    mode,
    neat: { populationSize: 12 },
    refinement: { steps: 10, optimizer: { name: 'adam', learningRate: 0.1 } },
  });
  const rng = Rng.fromSeed(5);
  await trainer.fit({ task: xorTask(), rng, budget: { generations: 1 }, checkpoint: { every: 1, save: (c) => saved.push(c) } });
  return decodeState(saved[0]?.state) as State;
}

describe('NEAT + backprop write-back', () => {
  it('Lamarckian: the trained champion is copied into the next generation with its trained weights', async () => {
    const s = await firstGeneration('lamarckian');
    // One species of 12 (> 5 members) ⇒ its champion is copied unchanged (NEAT p. 113).
    expect(s.population.genomes.map(weights)).toContain(weights(s.best.genome));
  });

  it('Baldwinian: the genes stay as evolved; the trained weights are not inherited', async () => {
    const lam = await firstGeneration('lamarckian');
    const bal = await firstGeneration('baldwinian');
    // The same genomes were trained and scored in both modes (same seed)...
    expect(bal.best.fitness).toBe(lam.best.fitness);
    expect(weights(bal.best.genome)).toBe(weights(lam.best.genome));
    // ...but only the Lamarckian population carries the trained weights on.
    expect(bal.population.genomes.map(weights)).not.toContain(weights(bal.best.genome));
  });

  it('gradient steps lower the loss: NEAT+backprop beats NEAT without steps at equal generations, seed by seed', async () => {
    const run = (steps: number, seed: number) =>
      new NeatBackpropTrainer({ neat: { populationSize: 20 }, refinement: { steps, optimizer: { name: 'adam', learningRate: 0.1 } } }).fit({
        task: xorTask(),
        rng: Rng.fromSeed(seed),
        budget: { generations: 5 },
      });
    const gaps: number[] = [];
    for (const seed of [0, 1, 2, 3]) {
      const [trained, plain] = await Promise.all([run(10, seed), run(0, seed)]);
      gaps.push((plain.metrics.loss as number) - (trained.metrics.loss as number));
    }
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(0);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeGreaterThan(0.02);
  });

  it('rejects a task with image inputs', async () => {
    const trainer = new NeatBackpropTrainer();
    const task = xorTask();
    await expect(trainer.fit({ task: { ...task, inputShape: [1, 2] }, rng: Rng.fromSeed(0), budget: { generations: 1 } })).rejects.toThrow(
      /flat inputs/,
    );
  });
});
