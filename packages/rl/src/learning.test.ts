import { createControlTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { PpoTrainer } from './ppo/ppo-trainer.js';
import { ReinforceTrainer } from './reinforce/reinforce-trainer.js';

// Short versions of the measurements in scripts/cart-pole-seeds.ts (10 seeds, full budgets):
// one seed, a small budget, a bar far above the random policy's ~20 steps.
describe('learning CartPole-v1 (one seed, small budgets)', () => {
  it('PPO with the RL Zoo defaults balances for ≥ 200 steps on held-out episodes within 16,384 environment steps', async () => {
    const task = createControlTask('cart-pole', 0);
    const r = await new PpoTrainer({ validateEvery: 8 }).fit({
      task,
      rng: Rng.fromSeed(1),
      budget: { evaluations: 16_384, target: { metric: 'return', value: 200 } },
    });
    expect(r.status).toBe('reached-target');
    expect(r.cost.evaluations).toBeLessThanOrEqual(16_384);
  }, 120_000);

  it('REINFORCE with a baseline balances for ≥ 200 steps within 60,000 environment steps', async () => {
    const task = createControlTask('cart-pole', 0);
    const r = await new ReinforceTrainer({ validateEvery: 5 }).fit({
      task,
      rng: Rng.fromSeed(1),
      budget: { evaluations: 60_000, target: { metric: 'return', value: 200 } },
    });
    expect(r.status).toBe('reached-target');
  }, 120_000);
});
