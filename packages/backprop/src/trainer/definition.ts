import type { SearchSpaceInput } from '@evoprop/core/config';
import { type TrainerDefinition, defineTrainer } from '@evoprop/core/registry';
import { z } from 'zod';
import { BackpropTrainer } from './backprop-trainer.js';
import { BackpropConfig, OptimizerConfig } from './config.js';

/** A preset: the same schema with other defaults for the optimizer and batch size. */
function presetSchema(optimizer: z.input<typeof OptimizerConfig>, batchSize: number) {
  return BackpropConfig.extend({
    optimizer: OptimizerConfig.default(OptimizerConfig.parse(optimizer)),
    batchSize: z.number().int().positive().nullable().default(batchSize).meta({ unit: 'samples' }),
  });
}

/**
 * What tuning searches for gradient descent: the learning rate over its useful decades (log-uniform,
 * as Bergstra & Bengio 2012 and Schmidt et al. 2021 do) and the mini-batch size.
 */
const gradientSpace = {
  /** The step size: 1e-4 … 0.3, log-uniform. */
  'optimizer.learningRate': { scale: 'log', low: 1e-4, high: 0.3 },
  /** Samples per step; null = the whole training split. */
  batchSize: { scale: 'choice', values: [8, 16, 32, 64, null] },
} as const satisfies SearchSpaceInput;

/** Gradient descent with any of the named optimizers (Adam, full batch by default). */
export const backpropTrainer: TrainerDefinition<typeof BackpropConfig> = defineTrainer({
  id: 'backprop',
  description:
    'Backpropagation: full-batch, mini-batch or stochastic gradient descent with composable optimizers (SGD, momentum, Nesterov, Adagrad, RMSProp, Adam, AdamW, Lion, AdaBelief), schedules, early stopping and gradient-health diagnostics.',
  configSchema: BackpropConfig,
  searchSpace: gradientSpace,
  create: (config) => new BackpropTrainer(config, 'backprop'),
});

const adamSchema = presetSchema({ name: 'adam', learningRate: 1e-3 }, 32);
/** Preset: Adam (Kingma & Ba 2015), lr 1e-3, mini-batches of 32. */
export const adamTrainer: TrainerDefinition<typeof adamSchema> = defineTrainer({
  id: 'adam',
  description: 'Backpropagation with Adam (Kingma & Ba 2015), lr 1e-3, mini-batches of 32.',
  configSchema: adamSchema,
  searchSpace: gradientSpace,
  create: (config) => new BackpropTrainer(config, 'adam'),
});

const sgdSchema = presetSchema({ name: 'sgd', learningRate: 0.05 }, 32);
/** Preset: plain stochastic gradient descent, lr 0.05, mini-batches of 32. */
export const sgdTrainer: TrainerDefinition<typeof sgdSchema> = defineTrainer({
  id: 'sgd',
  description: 'Backpropagation with plain stochastic gradient descent, lr 0.05, mini-batches of 32.',
  configSchema: sgdSchema,
  searchSpace: {
    ...gradientSpace,
    /** Plain SGD's rates sit higher than Adam's: 1e-3 … 1. */
    'optimizer.learningRate': { scale: 'log', low: 1e-3, high: 1 },
    /** Heavy-ball momentum μ (0 = plain SGD). */
    'optimizer.momentum': { scale: 'linear', low: 0, high: 0.95 },
  },
  create: (config) => new BackpropTrainer(config, 'sgd'),
});

/** The trainers this package registers, as an explicit list for `createRegistry`. */
export const backpropTrainers = [backpropTrainer, adamTrainer, sgdTrainer] as const;
