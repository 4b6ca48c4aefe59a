import { type StrategyName, strategies } from '@evoprop/evolution';
import { z } from 'zod';
import { refinementSchema } from '../shared/optimizer.js';

const strategyNames = Object.keys(strategies) as [StrategyName, ...StrategyName[]];

export const memeticConfigSchema = z.strictObject({
  /** Any ask/tell strategy of @evoprop/evolution. */
  strategy: z.enum(strategyNames).default('cmaEs'),
  /** Options of that strategy (validated by it). `mean` defaults to the initial model's weights, `sigma` to 0.5. */
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
