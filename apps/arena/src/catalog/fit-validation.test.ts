import { type Budget, ConfigError, type FitRequest, type Task, type Trainer, mlp } from '@evoprop/core';
import { xorTask } from '@evoprop/core/testing';
import { Rng } from '@evoprop/tensor';
import { TransferTrainer } from '@evoprop/transfer';
import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from './default-catalog.js';

// Issue 21: `fit({ budget: { epochs: NaN } })` never stopped, and `{ epochs: -1 }`, `{ flops: -5 }`,
// `{ epochs: 0 }` ran a step and reported the budget "spent". Every trainer the arena ships
// must refuse such requests before doing any work, with a ConfigError naming the key. The
// abort signal only bounds a regression: before the checks, the NaN budget ran forever.
const catalog = await createDefaultCatalog();
const trainers: [string, () => Trainer][] = [
  ...[...catalog.trainers.values()].map((e): [string, () => Trainer] => [e.id, () => e.create({})]),
  ['transfer', () => new TransferTrainer({ head: { replace: true } }, { base: xorBase() })],
];

/** The transfer trainer needs a base; any small model of XOR's input does (its head is replaced). */
const xorBase = () => mlp({ inputSize: 2, hidden: [4], outputSize: 3 }, Rng.fromSeed(1));

const fit = (trainer: Trainer, over: Partial<FitRequest>) =>
  trainer.fit({ task: xorTask(0), rng: Rng.fromSeed(0), budget: { epochs: 1 }, signal: AbortSignal.timeout(5000), ...over });

describe.each(trainers)('%s refuses a bad request before any work', (_, make) => {
  it.each([
    ['epochs NaN', { epochs: Number.NaN }, /budget\.epochs: expected a positive integer, got NaN/],
    ['epochs -1', { epochs: -1 }, /budget\.epochs: expected a positive integer, got -1/],
    ['epochs 0', { epochs: 0 }, /budget\.epochs: expected a positive integer, got 0/],
    ['flops -5', { flops: -5 }, /budget\.flops: expected a finite number > 0, got -5/],
  ] as [string, Budget, RegExp][])('budget: %s', async (_, budget, message) => {
    const run = fit(make(), { budget });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(fit(make(), { budget })).rejects.toThrow(message);
  });

  it('a task without a validation split', async () => {
    const { validation: _v, ...task } = xorTask(0);
    await expect(fit(make(), { task: task as unknown as Task })).rejects.toThrow(
      /task\.validation: expected a split \{ x, y \} of tensors/,
    );
  });
});
