import { type GradientTransformation, OptimizerConfig, masked, optimizerFor, parseBackpropConfig } from '@evoprop/backprop';
import type { Params } from '@evoprop/core';
import { z } from 'zod';

/** The gradient refinement every hybrid shares: one of the named optimizers of @evoprop/backprop, with optional clipping. */
export const refinementSchema = z.strictObject({
  /** Gradient steps per refinement (k). */
  steps: z.number().int().nonnegative().default(10).meta({ unit: 'gradient steps' }),
  /** Rows of the seeded mini-batch of each step; null = the whole training split. */
  batchSize: z.number().int().positive().nullable().default(null).meta({ unit: 'samples' }),
  /** Any optimizer config of @evoprop/backprop (`{ name, learningRate, ... }`); default Adam, lr 0.01. */
  optimizer: OptimizerConfig.default({ name: 'adam', learningRate: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, l2: 0 }),
  /** Clip the gradient's global norm before the optimizer (helps the steep NEAT sigmoids). */
  clipNorm: z.number().positive().optional().meta({ unit: 'gradient units' }),
});
/** The parsed refinement settings (defaults filled in). */
export type RefinementConfig = z.output<typeof refinementSchema>;

/** The refinement's optimizer over a model's whole vector; frozen weights get no update. */
export function refinementOptimizer(config: RefinementConfig, params: Params): GradientTransformation<unknown> {
  const backprop = parseBackpropConfig(
    { optimizer: config.optimizer, ...(config.clipNorm === undefined ? {} : { clipNorm: config.clipNorm }) },
    'refinement',
  );
  return masked(optimizerFor(backprop), params.trainableMask());
}
