import { type ProgressEvent, type TrainerEvent, rollout } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { NeatTrainer } from '../neat/trainer.js';
import { EvolutionTrainer } from './evolution-trainer.js';
import { generationHorizon } from './horizon.js';

describe('generationHorizon', () => {
  it('keeps the task limit when the worst case fits or nothing caps evaluations', () => {
    expect(generationHorizon(undefined, 500, 54)).toEqual({ horizon: 500, truncated: false });
    expect(generationHorizon(27_000, 500, 54)).toEqual({ horizon: 500, truncated: false });
  });
  it('shortens every episode to the same horizon when it does not, and gives 0 when not one step each fits', () => {
    expect(generationHorizon(3000, 500, 54)).toEqual({ horizon: 55, truncated: true });
    expect(generationHorizon(54, 500, 54)).toEqual({ horizon: 1, truncated: true });
    expect(generationHorizon(53, 500, 54)).toEqual({ horizon: 0, truncated: true });
  });
});

describe("core's rollout with a shorter horizon", () => {
  it('cuts every episode at maxSteps as truncated, and rejects a horizon below one step', () => {
    const task = createTask('cart-pole', 0);
    if (task.kind !== 'control') throw new Error('cart-pole is a control task');
    // Push toward the pole's lean: balances far beyond 7 steps.
    const balance = {
      act: (obs: Float32Array, envs: Int32Array, actions: Float32Array) =>
        envs.forEach((_, r) => (actions[r] = (obs[r * 4 + 2] as number) > 0 ? 1 : 0)),
    };
    const episodes = rollout(task, balance, [1, 2, 3], { maxSteps: 7 });
    expect(episodes.map((e) => [e.steps, e.truncated, e.terminated])).toEqual([
      [7, true, false],
      [7, true, false],
      [7, true, false],
    ]);
    expect(() => rollout(task, balance, [1], { maxSteps: 0 })).toThrow(/rollout maxSteps: expected an integer ≥ 1/);
  });
});

// Cart-pole's 500-step episodes: λ candidates × 3 episodes at worst case pass a 3,000-step cap, so before
// truncation these runs refused their first generation and spent nothing.
describe('evolution on a control task under a small step cap', () => {
  const cap = 3000;
  it('CMA-ES: runs generations with budget-truncated rollouts, never passes the cap and stops less than one step per episode short', async () => {
    const events: TrainerEvent[] = [];
    const result = await new EvolutionTrainer({ strategy: 'cmaEs', model: { hidden: [4] }, strategyConfig: { populationSize: 8 } }).fit({
      task: createTask('cart-pole', 0),
      rng: Rng.fromSeed(1),
      budget: { evaluations: cap },
      onEvent: (e) => events.push(e),
    });
    const episodes = 8 * 3;
    expect(result.status).toBe('budget-exhausted');
    expect(result.cost.evaluations).toBeLessThanOrEqual(cap);
    expect(result.cost.evaluations).toBeGreaterThan(cap - episodes);
    expect(result.cost.generations).toBeGreaterThan(1);
    expect(result.reason).toMatch(/at least one step per episode, 24 = 8 candidates × 3 episodes, \d+ left/);
    expect(result.budget?.unspent.evaluations).toBe(cap - result.cost.evaluations);
    // Every truncated generation says so, in its metrics and in a warning.
    const horizons = result.history.map((e: ProgressEvent) => e.metrics.horizon).filter((h) => h !== undefined);
    expect(horizons.length).toBeGreaterThan(0);
    for (const h of horizons) expect(h).toBeLessThan(500);
    expect(events.some((e) => e.type === 'warning' && /rollouts truncated by the budget at \d+ steps/.test(e.message))).toBe(true);
  });

  it('a cap that fits whole generations runs them untruncated (same run as without the cap, up to where it stops)', async () => {
    const task = createTask('cart-pole', 0, { maxSteps: 20 });
    const run = (budget: { evaluations: number } | { generations: number }) =>
      new EvolutionTrainer({ strategy: 'snes', model: { hidden: [4] }, strategyConfig: { populationSize: 6 } }).fit({
        task,
        rng: Rng.fromSeed(2),
        budget,
      });
    const free = await run({ generations: 3 });
    // 6 × 3 × 20 = 360 steps at worst case; 3 generations fit, so none is truncated.
    const capped = await run({ evaluations: free.cost.evaluations + 360 });
    expect(capped.history.slice(0, 3).map((e) => e.metrics)).toEqual(free.history.map((e) => e.metrics));
    expect(free.history.every((e) => e.metrics.horizon === undefined)).toBe(true);
    expect(capped.cost.evaluations).toBeLessThanOrEqual(free.cost.evaluations + 360);
  });

  it('NEAT: the same, with its 150 genomes', async () => {
    const result = await new NeatTrainer({ episodes: 1 }).fit({
      task: createTask('cart-pole', 0),
      rng: Rng.fromSeed(3),
      budget: { evaluations: cap },
    });
    expect(result.status).toBe('budget-exhausted');
    expect(result.cost.evaluations).toBeLessThanOrEqual(cap);
    expect(result.cost.evaluations).toBeGreaterThan(cap - 150);
    expect(result.cost.generations).toBeGreaterThan(1);
    expect(result.reason).toMatch(/at least one step per episode/);
  });
});
