import type { Trainer } from '@evoprop/core';
import { BackpropTrainer } from './backprop-trainer.js';
import { BackpropConfig, type BackpropConfigInput } from './config.js';

/** How the arena, worker threads and plugins find a trainer: an id, a description, a config schema and a factory. */
export type BackpropTrainerDefinition = Readonly<{
  id: string;
  description: string;
  configSchema: typeof BackpropConfig;
  create(config?: unknown): Trainer;
}>;

const preset = (id: string, description: string, defaults: BackpropConfigInput): BackpropTrainerDefinition => ({
  id,
  description,
  configSchema: BackpropConfig,
  create: (config = {}) => {
    const c = (config ?? {}) as Record<string, unknown>;
    return new BackpropTrainer({ ...defaults, ...c }, id);
  },
});

/** Gradient descent with any of the named optimizers (Adam by default). */
export const backpropTrainer = preset(
  'backprop',
  'Backpropagation: full-batch, mini-batch or stochastic gradient descent with composable optimizers, schedules, early stopping and gradient-health diagnostics.',
  {},
);

/** Preset: Adam (lr 1e-3), mini-batches of 32. */
export const adamTrainer = preset('adam', 'Backpropagation with Adam (Kingma & Ba 2015), lr 1e-3, batch 32.', {
  optimizer: { name: 'adam', learningRate: 1e-3 },
  batchSize: 32,
});

/** Preset: plain SGD (lr 0.05), mini-batches of 32. */
export const sgdTrainer = preset('sgd', 'Backpropagation with plain stochastic gradient descent, lr 0.05, batch 32.', {
  optimizer: { name: 'sgd', learningRate: 0.05 },
  batchSize: 32,
});

/** The trainers this package registers, as an explicit map. */
export const backpropTrainers = { backprop: backpropTrainer, adam: adamTrainer, sgd: sgdTrainer } as const;
