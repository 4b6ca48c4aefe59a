import { z } from 'zod';
import { strategies, type StrategyName } from '../registry.js';
import { fitnessConfigSchema } from './fitness.js';

export const evolutionTrainerConfigSchema = z.strictObject({
  /** Which registered strategy searches the weights. */
  strategy: z.enum(Object.keys(strategies) as [StrategyName, ...StrategyName[]]),
  /** Options of that strategy (validated by it); `mean` defaults to the model's weights, `sigma` to 0.1 (objective tasks: the task's initialSigma). */
  strategyConfig: z.record(z.string(), z.unknown()).default({}),
  fitness: fitnessConfigSchema.default(fitnessConfigSchema.parse({})),
  /** The MLP built when the request has no model. */
  model: z
    .strictObject({
      hidden: z.array(z.number().int().positive()).default([16]),
      activation: z.enum(['tanh', 'relu', 'sigmoid', 'elu', 'gelu', 'leakyRelu']).default('tanh'),
    })
    .default({ hidden: [16], activation: 'tanh' }),
  /** Worker threads evaluating the population; 0 evaluates in this thread. */
  workers: z.number().int().nonnegative().default(0),
  /** Extra attempts for a chunk whose worker failed, before the run fails. */
  maxRetries: z.number().int().nonnegative().default(2),
  /** Where workers get the task from its spec. */
  taskFactory: z
    .strictObject({ module: z.string(), export: z.string() })
    .default({ module: '@evoprop/tasks', export: 'createTaskFromSpec' }),
  /** Generations between held-out evaluations of the current solution (validation split / episodes). */
  evaluateEvery: z.number().int().positive().default(10),
  /** Episodes of the held-out evaluation on control tasks. */
  evaluationEpisodes: z.number().int().positive().default(10),
  /** The returned model: the strategy's mean (default) or the best candidate seen. */
  result: z.enum(['mean', 'best']).default('mean'),
});
export type EvolutionTrainerConfig = z.input<typeof evolutionTrainerConfigSchema>;
export type ParsedEvolutionTrainerConfig = z.output<typeof evolutionTrainerConfigSchema>;
