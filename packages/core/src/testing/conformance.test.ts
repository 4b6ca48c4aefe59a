import { describe, expect, it } from 'vitest';
import type { Trainer } from '../contract/trainer.js';
import { IgnoresBudgetTrainer, NonDeterministicTrainer, UnchargedEvaluationsTrainer } from './broken-trainers.js';
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
    expect(failures.join('\n')).toMatch(/kept training after the evaluations budget \(400\) was spent/);
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
    const failures = await targetCheck(() => new UnchargedEvaluationsTrainer(), { task: () => sphereTask(4) });
    expect(failures.join('\n')).toMatch(/progress events carry no 'objective' metric \(the headline metric of task 'sphere-reference'\)/);
  });
});
