import { type StrategyName, strategies } from '@evoprop/evolution';
import { z } from 'zod';
import { refinementSchema } from '../shared/optimizer.js';

const strategyNames = Object.keys(strategies) as [StrategyName, ...StrategyName[]];

/**
 * GA settings for memetic use: refined networks are expensive, so few of them; crossover of two
 * trained networks mostly destroys both (hidden units are permutable), so children are mutated
 * copies of the elite-biased tournament winners.
 */
export const memeticGaDefaults = {
  populationSize: 4,
  eliteCount: 1,
  crossoverRate: 0,
  mutation: { kind: 'gaussian', sigma: 0.01, selfAdaptive: false },
} as const;

export const memeticConfigSchema = z.strictObject({
  /** Any ask/tell strategy of @evoprop/evolution. The GA with elitism worked best in bench/memetic-spirals.ts. */
  strategy: z.enum(strategyNames).default('ga'),
  /**
   * Options of that strategy (validated by it). `mean` defaults to the initial model's weights, `sigma` to 0.5;
   * for the GA, `memeticGaDefaults` (a small elitist population, no crossover, small mutations) fill what is not given.
   */
  strategyConfig: z.record(z.string(), z.unknown()).default({}),
  /**
   * 'lamarckian': the refined weights are told to the strategy in place of the sampled
   * candidate (acquired traits are inherited). 'baldwinian': the strategy is told the
   * sampled candidate with the fitness of its refined version (only the ability to learn is inherited).
   */
  mode: z.enum(['lamarckian', 'baldwinian']).default('lamarckian'),
  /** k gradient steps per candidate before it is evaluated. */
  refinement: refinementSchema.default(refinementSchema.parse({})),
  /**
   * Lamarckian only: a candidate starts its refinement from the optimizer state (Adam's
   * moments, momentum) of the nearest refined point of the previous generations, so a
   * lineage keeps its optimizer state as it keeps its weights. Off: every refinement starts fresh.
   */
  inheritOptimizerState: z.boolean().default(false),
  /** Rows the fitness (train loss after refinement) is measured on, drawn per generation; null = the whole training split. */
  fitnessBatchSize: z.number().int().positive().nullable().default(null),
  /** The MLP built when the request brings no model. */
  model: z
    .strictObject({
      hidden: z.array(z.number().int().positive()).default([8, 8]),
      activation: z.enum(['relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu']).default('tanh'),
    })
    .default({ hidden: [8, 8], activation: 'tanh' }),
  /** Generations between validation-split metrics (monitoring, not charged). */
  evaluateEvery: z.number().int().positive().default(1),
  /** The returned model: the best refined candidate seen (default) or the strategy's current mean / best genome. */
  result: z.enum(['best', 'mean']).default('best'),
});
export type MemeticConfig = z.input<typeof memeticConfigSchema>;
export type ParsedMemeticConfig = z.output<typeof memeticConfigSchema>;
