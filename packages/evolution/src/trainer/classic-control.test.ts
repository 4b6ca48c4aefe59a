import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { EvolutionTrainer } from './evolution-trainer.js';

// Evolution on Gymnasium's classic control tasks without any change to the trainer: the policy is
// the same kind of network PPO returns (here linear, observations → logits or action), scored by
// episode return. Small budgets for CI; the 10-seed runs are in the arena's `control` suite and
// packages/rl's README.
describe('evolution on classic control (linear policies, one seed)', () => {
  it('CMA-ES swings Acrobot-v1 up: held-out return ≥ −150 (a random policy times out at −500)', async () => {
    const task = createTask('acrobot', 0);
    const result = await new EvolutionTrainer({
      strategy: 'cmaEs',
      model: { hidden: [] },
      strategyConfig: { sigma: 0.5 },
      fitness: { episodes: 1 },
      validateEvery: 1,
      evaluationEpisodes: 5,
    }).fit({ task, rng: Rng.fromSeed(0), budget: { generations: 15, target: { metric: 'val.return', value: -150 } } });
    expect(result.status).toBe('reached-target');
    expect(result.metrics.return).toBeGreaterThanOrEqual(-150);
  }, 60_000);

  it('OpenAI-ES swings Acrobot-v1 up once σ is large enough to leave the flat −500 plateau', async () => {
    const task = createTask('acrobot', 0);
    const result = await new EvolutionTrainer({
      strategy: 'openAiEs',
      model: { hidden: [] },
      strategyConfig: { populationSize: 20, sigma: 1, optimizer: { name: 'adam', learningRate: 0.1 } },
      fitness: { episodes: 1 },
      validateEvery: 1,
      evaluationEpisodes: 5,
    }).fit({ task, rng: Rng.fromSeed(0), budget: { generations: 15, target: { metric: 'val.return', value: -150 } } });
    expect(result.status).toBe('reached-target');
  }, 60_000);

  it('CMA-ES improves a linear Pendulum-v1 controller by ≥ 500 return (continuous actions)', async () => {
    const task = createTask('pendulum', 0);
    const trainer = new EvolutionTrainer({
      strategy: 'cmaEs',
      model: { hidden: [] },
      strategyConfig: { sigma: 0.5 },
      fitness: { episodes: 1 },
      validateEvery: 5,
      evaluationEpisodes: 5,
    });
    const first = await trainer.fit({ task, rng: Rng.fromSeed(0), budget: { generations: 1 } });
    const result = await trainer.fit({ task, rng: Rng.fromSeed(0), budget: { generations: 30 } });
    expect(result.metrics.return).toBeGreaterThan((first.metrics.return ?? Number.NaN) + 500);
  }, 60_000);
});
