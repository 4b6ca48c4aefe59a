// The README's examples, run as written (imports by package name).
import { cmaEs, EvolutionTrainer, minimize } from '@evoprop/evolution';
import { createTask, rosenbrock } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';

describe('README examples', () => {
  it('CMA-ES on 10-D Rosenbrock', () => {
    const state = minimize(cmaEs, { mean: new Array(10).fill(0.1), sigma: 0.3, stop: { targetFitness: 1e-8 } }, rosenbrock.evaluate, {
      rng: Rng.fromSeed(0),
    });
    expect(state.bestFitness).toBeLessThan(1e-8);
    expect(state.evaluations).toBeLessThan(5500);
  });

  it('ask / tell loop', () => {
    const myLoss = (x: Float64Array) => x.reduce((s, v) => s + (v - 2) ** 2, 0);
    let state = cmaEs.init([1, 1, 1], { sigma: 0.5 }, Rng.fromSeed(42)); // initial mean, config, rng
    for (let g = 0; g < 100 && state.stop === null; g++) {
      const { state: asked, candidates } = cmaEs.ask(state);
      const fitness = candidates.map(myLoss);
      state = cmaEs.tell(asked, candidates, fitness);
    }
    expect(myLoss(cmaEs.mean(state))).toBeLessThan(1e-8);
  });

  it('EvolutionTrainer on circles', async () => {
    const task = createTask('circles', 0);
    const trainer = new EvolutionTrainer({
      strategy: 'openAiEs',
      model: { hidden: [8] },
      strategyConfig: { populationSize: 40, sigma: 0.1, optimizer: { name: 'adam', learningRate: 0.05 } },
    });
    const result = await trainer.fit({
      task,
      rng: Rng.fromSeed(0),
      budget: { generations: 200, target: { metric: 'val.accuracy', value: 0.97 } },
    });
    // Stopped by the held-out target (val 0.97); the README quotes the test split's figure, which is lower.
    expect(result.budget?.unspent?.generations).toBe(200 - 38);
    expect(result.metrics.accuracy).toBe(0.94);
  });
});
