import { Rng, fromArray } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { mlp } from '../model/mlp.js';
import { VectorModel } from '../model/vector-model.js';
import { RandomSearchTrainer } from '../testing/random-search.js';
import { sphereTask, xorTask } from '../testing/reference-tasks.js';
import type { Budget } from './budget.js';
import { validateBudget } from './budget.js';
import type { SupervisedTask, Task } from './task.js';
import type { FitRequest } from './trainer.js';

// Every fit here carries a short timeout: before the checks existed, `epochs: NaN` never
// stopped, so without it a regression would hang the test instead of failing it.
const fitWith = (over: Partial<FitRequest>) =>
  new RandomSearchTrainer({ populationSize: 2 }).fit({
    task: xorTask(),
    rng: Rng.fromSeed(1),
    budget: { generations: 2 },
    signal: AbortSignal.timeout(2000),
    ...over,
  });

describe('budgets are validated before any work', () => {
  const bad: [string, unknown, RegExp][] = [
    ['epochs NaN (never stopped)', { epochs: Number.NaN }, /random-search budget\.epochs: expected a positive integer, got NaN/],
    ['epochs -1 (ran one step)', { epochs: -1 }, /budget\.epochs: expected a positive integer, got -1/],
    ['epochs 0 (ran one step)', { epochs: 0 }, /budget\.epochs: expected a positive integer, got 0/],
    ['fractional generations', { generations: 2.5 }, /budget\.generations: expected a positive integer, got 2\.5/],
    ['flops -5', { flops: -5 }, /budget\.flops: expected a finite number > 0, got -5/],
    ['flops Infinity', { flops: Number.POSITIVE_INFINITY }, /budget\.flops: expected a finite number > 0, got Infinity/],
    ['a string cap', { evaluations: '100' }, /budget\.evaluations: expected a positive integer, got "100"/],
    ['an unknown key', { generations: 2, epoch: 3 }, /budget: expected only known keys \(flops, .*target\), got unknown key 'epoch'/],
    ['no cap at all', {}, /budget: expected at least one cap/],
    [
      'a NaN target',
      { generations: 2, target: { metric: 'accuracy', value: Number.NaN } },
      /budget\.target\.value: expected a finite number, got NaN/,
    ],
    [
      'a bad direction',
      { generations: 2, target: { metric: 'loss', value: 0, direction: 'down' } },
      /target\.direction: expected 'max' or 'min', got "down"/,
    ],
    ['an unnamed target', { generations: 2, target: { metric: '', value: 1 } }, /target\.metric: expected a metric name, got ""/],
  ];
  it.each(bad)('rejects %s with a ConfigError naming the key', async (_, budget, message) => {
    const run = fitWith({ budget: budget as Budget });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(fitWith({ budget: budget as Budget })).rejects.toThrow(message);
  });

  it('accepts fractional FLOPs and seconds, integer counts and a target alone', () => {
    for (const budget of [
      { flops: 2.5e5 },
      { wallSeconds: 0.3 },
      { epochs: 3, generations: 1e6 },
      { target: { metric: 'loss', value: 0.1, direction: 'min' } },
    ] as const)
      expect(() => validateBudget(budget)).not.toThrow();
  });
});

const withSplit = (task: SupervisedTask, name: 'train' | 'validation' | 'test', split: unknown): Task =>
  ({ ...task, [name]: split }) as unknown as Task;

describe('tasks are validated at fit', () => {
  const xor = xorTask();
  const { validation: _dropped, ...noValidation } = xor;
  const bad: [string, Task, RegExp][] = [
    [
      'a missing validation split',
      noValidation as unknown as Task,
      /random-search task\.validation: expected a split \{ x, y \} of tensors, got undefined \(missing\)/,
    ],
    ['a split without y', withSplit(xor, 'test', { x: xor.test.x }), /task\.test\.y: expected a Tensor, got undefined \(missing\)/],
    [
      'inputs of the wrong shape',
      withSplit(xor, 'train', { x: fromArray([[0, 0, 1]]), y: fromArray([1]) }),
      /task\.train\.x: expected shape \[n, 2\] \(inputShape\), got \[1, 3\]/,
    ],
    [
      'fewer targets than inputs',
      withSplit(xor, 'train', { x: xor.train.x, y: fromArray([0, 1]) }),
      /task\.train\.y: expected 4 rows, one per sample of x, got shape \[2\]/,
    ],
    [
      'a label out of range',
      withSplit(xor, 'validation', { x: xor.train.x, y: fromArray([0, 1, 2, 0]) }),
      /task\.validation\.y: expected class indices in 0\.\.1 \(outputSize 2\), got 2 at index 2/,
    ],
    ['a non-integer outputSize', { ...xor, outputSize: 1.5 } as Task, /task\.outputSize: expected a positive integer, got 1\.5/],
    [
      'an unknown kind',
      { ...xor, kind: 'supervized' } as unknown as Task,
      /task\.kind: expected 'supervised', 'control' or 'objective', got "supervized"/,
    ],
    [
      'an objective without a function',
      { ...sphereTask(3), evaluate: undefined } as unknown as Task,
      /task\.evaluate: expected a function/,
    ],
  ];
  it.each(bad)('rejects %s, naming what is wrong', async (_, task, message) => {
    await expect(fitWith({ task })).rejects.toThrow(ConfigError);
    await expect(fitWith({ task })).rejects.toThrow(message);
  });

  it('rejects a model whose outputs do not match the classes (it used to train at chance)', async () => {
    const model = mlp({ inputSize: 2, hidden: [4], outputSize: 3 }, Rng.fromSeed(0));
    await expect(fitWith({ model })).rejects.toThrow(
      /random-search model output size: expected 2 \(the classes of task 'xor-reference'\), got 3 \(output shape \[3\]\)/,
    );
    const wide = mlp({ inputSize: 3, hidden: [4], outputSize: 2 }, Rng.fromSeed(0));
    await expect(fitWith({ model: wide })).rejects.toThrow(/model inputShape: expected \[2\] \(task 'xor-reference'\), got \[3\]/);
  });

  it('rejects a parameter vector of the wrong length for an objective', async () => {
    await expect(fitWith({ task: sphereTask(3), model: new VectorModel(4) })).rejects.toThrow(
      /model parameters: expected 3 \(the dimension of objective 'sphere-reference'\), got 4/,
    );
  });

  it('still fits well-formed tasks and matching models', async () => {
    const model = mlp({ inputSize: 2, hidden: [4], outputSize: 2 }, Rng.fromSeed(0));
    expect((await fitWith({ model })).status).toBe('budget-exhausted');
    expect((await fitWith({ task: sphereTask(3), model: new VectorModel(3) })).status).toBe('budget-exhausted');
  });
});
