import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { executeRun } from '../runner/execute-run.js';
import { planRuns } from './experiment.js';
import { suiteDefinition } from './load.js';
import { parseExperiment } from './parse.js';

const catalog = await createDefaultCatalog();

describe("the 'control' suite", () => {
  it('names policy-gradient and evolution trainers on classic control and double pole, every one in the catalog', () => {
    const { experiment, skipped } = parseExperiment(suiteDefinition('control'), { source: 'control', catalog });
    expect(skipped).toEqual([]);
    expect(experiment.trainers.map((t) => t.id)).toEqual(['ppo', 'reinforce', 'cma-es', 'openai-es', 'ga', 'neat']);
    expect(experiment.tasks.map((t) => t.id)).toEqual(['cart-pole', 'acrobot', 'pendulum', 'double-pole', 'double-pole-nv']);
    expect(experiment.seeds).toHaveLength(10);
    for (const t of experiment.tasks) expect(Object.keys(t.budget ?? experiment.budget)).toContain('evaluations');
  });

  it('runs every trainer on cart-pole within the same cap of environment steps (one seed, 3,000 steps), scored by the arena', async () => {
    const { experiment } = parseExperiment(
      { ...suiteDefinition('control'), tasks: [{ id: 'cart-pole', budget: { evaluations: 3000 } }], seeds: 1 },
      { source: 'control (small)', catalog },
    );
    const records = [];
    for (const spec of planRuns(experiment)) records.push(await executeRun(spec, catalog, AbortSignal.timeout(120_000)));
    expect(records.map((r) => r?.trainer)).toEqual(['ppo', 'reinforce', 'cma-es', 'openai-es', 'ga', 'neat']);
    for (const r of records) {
      expect(r?.ok, `${r?.trainer}: ${r?.reason}`).toBe(true);
      // Caps are exact and useful: no trainer spends past the cap, and every one spends nearly all of it.
      // PPO and REINFORCE shorten their last rollout; evolution charges the steps its episodes take and,
      // when a generation's worst case (every episode at 500 steps) does not fit, cuts all its episodes at
      // one shorter horizon (rollouts truncated by the budget), stopping less than one step per episode short.
      expect(r?.cost.evaluations, `${r?.trainer} spent`).toBeLessThanOrEqual(3000);
      expect(r?.cost.evaluations, `${r?.trainer} spent`).toBeGreaterThan(2500);
      // The headline: the arena's own mean undiscounted return over fixed-seed episodes (1 to 500 on CartPole-v1).
      expect(r?.final).toBeGreaterThanOrEqual(1);
      expect(r?.final).toBeLessThanOrEqual(500);
    }
  }, 300_000);
  it('runs every trainer on every task of the suite within one small cap of environment steps (one seed, 1,500 steps each), none failing', async () => {
    const suite = suiteDefinition('control');
    const tasks = (suite.tasks as readonly Record<string, unknown>[]).map((t) => ({ ...t, budget: { evaluations: 1500 } }));
    const { experiment } = parseExperiment({ ...suite, tasks, seeds: 1 }, { source: 'control (every task, small)', catalog });
    const records = [];
    for (const spec of planRuns(experiment)) records.push(await executeRun(spec, catalog, AbortSignal.timeout(120_000)));
    expect(records).toHaveLength(6 * 5);
    for (const r of records) {
      expect(r?.ok, `${r?.trainer} on ${r?.task}: ${r?.reason}`).toBe(true);
      expect(r?.cost.evaluations, `${r?.trainer} on ${r?.task} spent`).toBeLessThanOrEqual(1500);
      expect(Number.isFinite(r?.final), `${r?.trainer} on ${r?.task}: arena's return`).toBe(true);
    }
  }, 600_000);
});
