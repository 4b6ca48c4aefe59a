import { describe, expect, it } from 'vitest';
import { zeroCost } from '../contract/cost.js';
import type { Trainer } from '../contract/trainer.js';
import {
  IgnoresBudgetTrainer,
  NonDeterministicTrainer,
  OverspendingTrainer,
  TrainingScoreTargetTrainer,
  UnchargedEvaluationsTrainer,
} from './broken-trainers.js';
import { type ConformanceOptions, trainerConformanceChecks } from './conformance.js';
import { describeTrainerConformance } from './describe-conformance.js';
import { RandomSearchTrainer } from './random-search.js';
import { sphereTask } from './reference-tasks.js';

const budgets: ConformanceOptions['budgets'] = ['evaluations', 'generations', 'flops', 'wallSeconds', 'target'];

describeTrainerConformance('random search (XOR)', () => new RandomSearchTrainer({ populationSize: 6, sigma: 1 }), { budgets });
describeTrainerConformance('random search (sphere)', () => new RandomSearchTrainer({ populationSize: 6, sigma: 0.5 }), {
  budgets: ['evaluations', 'generations', 'target'],
  task: () => sphereTask(4),
  target: { metric: 'objective', value: 30, direction: 'min' },
});

const failuresOf = async (factory: () => Trainer, name: RegExp) => {
  const checks = trainerConformanceChecks(factory, { budgets: ['evaluations', 'generations'] }).filter((c) => name.test(c.name));
  expect(checks.length).toBeGreaterThan(0);
  return (await Promise.all(checks.map((c) => c.run()))).flat();
};

describe('the conformance suite catches broken trainers', () => {
  it('a trainer that ignores the budget', async () => {
    const failures = await failuresOf(() => new IgnoresBudgetTrainer(), /respects a evaluations budget/);
    expect(failures.join('\n')).toMatch(/overspent the evaluations budget: spent 960 of a cap of 403/);
  });
  it('a trainer that checks caps only before a generation (a whole generation always runs)', async () => {
    const failures = await failuresOf(() => new OverspendingTrainer(), /respects a (evaluations|generations) budget/);
    // 17 generations of 24 = 408 > 403; generations are whole, so that cap is met exactly.
    expect(failures).toEqual([
      expect.stringMatching(/^overspent the evaluations budget: spent 408 of a cap of 403 \(\+1\.2 %\), already 408 at step 17/),
    ]);
  });
  it('a trainer that stops a whole step short of a cap', async () => {
    // Random search with generations of 6 × 4 = 24 evaluations, told it has 403: it must spend 384 < 403 ≤ 408.
    const stingy = new RandomSearchTrainer({ populationSize: 6 });
    // Its own loop: it reports no budget (so nothing says it ended for a reason of its own).
    const early = {
      id: 'early',
      fit: async (r: Parameters<Trainer['fit']>[0]) => {
        const { budget: _budget, ...result } = await stingy.fit({ ...r, budget: { evaluations: 360 } });
        return result;
      },
    };
    const failures = await failuresOf(() => early, /respects a evaluations budget/);
    expect(failures.join('\n')).toMatch(/stopped 43 short of the evaluations cap 403 \(spent 360\), more than one step's cost \(24\)/);
  });
  it("a trainer that says 'reached-target' from a training score while its model misses", async () => {
    const check = trainerConformanceChecks(() => new TrainingScoreTargetTrainer(), { budgets: ['target'] }).find((c) =>
      /target/.test(c.name),
    );
    const failures = (await check?.run()) ?? [];
    expect(failures.join('\n')).toMatch(/said 'reached-target' but the returned model's held-out accuracy is 0\.\d+ \(target 1\)/);
  });
  it('a trainer that is not deterministic', async () => {
    const failures = await failuresOf(() => new NonDeterministicTrainer(), /deterministic/);
    expect(failures.join('\n')).toMatch(/same seed returned different weights/);
  });
  it('a trainer whose checkpoint cannot resume exactly', async () => {
    // resumes with a different seed: weights and history part ways after the checkpoint
    const failures = await failuresOf(() => new NonDeterministicTrainer(), /checkpoint/);
    expect(failures.join('\n')).toMatch(/final weights differ from the uninterrupted run/);
  });
  it('a trainer that throws on divergence', async () => {
    const throwing = { id: 'thrower', fit: () => Promise.reject(new Error('NaN loss')) };
    const failures = await failuresOf(() => throwing, /diverg/);
    expect(failures.join('\n')).toMatch(/fit threw instead of resolving: Error: NaN loss/);
  });
  it("a trainer that never charges evaluations: the suite says so within its own time, not vitest's 5 s", async () => {
    const started = performance.now();
    const failures = await failuresOf(() => new UnchargedEvaluationsTrainer(), /respects a evaluations budget/);
    expect(failures.join('\n')).toMatch(
      /cost\.evaluations stayed 0 over 100 steps: the trainer never charges evaluations, so a evaluations budget can never end its run/,
    );
    expect(performance.now() - started).toBeLessThan(4000);
  }, 5000);
});

describe("the target check uses the task's own headline metric and direction", () => {
  const targetCheck = (factory: () => Trainer, options: Partial<ConformanceOptions> = {}) => {
    const check = trainerConformanceChecks(factory, { budgets: ['generations', 'target'], ...options }).find((c) => /target/.test(c.name));
    if (check === undefined) throw new Error('no target check');
    return check.run();
  };
  it('an objective task, minimised, with no options.target (it used to demand an accuracy metric)', async () => {
    expect(await targetCheck(() => new RandomSearchTrainer({ populationSize: 6, sigma: 0.5 }), { task: () => sphereTask(4) })).toEqual([]);
  });
  it('a classification task at its solvedAt (XOR: accuracy ≥ 1), as before', async () => {
    expect(await targetCheck(() => new RandomSearchTrainer({ populationSize: 6, sigma: 1 }))).toEqual([]);
  });
  it('a trainer that does not report the task metric is told which metric is missing', async () => {
    // A trainer with its own loop that reports only its training loss.
    const silent: Trainer = {
      id: 'silent',
      fit: async (r) => {
        const cost = { ...zeroCost(), evaluations: 1, generations: 1 };
        return {
          model: new RandomSearchTrainer().initialModel(r),
          status: 'budget-exhausted',
          reason: 'one step',
          history: [{ type: 'progress', step: 1, cost, metrics: { loss: 1 } }],
          cost,
          metrics: {},
        };
      },
    };
    const failures = await targetCheck(() => silent, { task: () => sphereTask(4) });
    expect(failures.join('\n')).toMatch(
      /progress events carry no 'val\.objective' metric \(the held-out objective, the headline metric of task 'sphere-reference', of the returned model\)/,
    );
  });
});
