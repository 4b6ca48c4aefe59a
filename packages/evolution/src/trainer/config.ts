import { deprecatedKeys, mlpConfigSchema } from '@evoprop/core/config';
import { z } from 'zod';
import { strategies, type StrategyName } from '../registry.js';
import { fitnessConfigSchema } from './fitness.js';
import { noveltyConfigSchema } from '../novelty/novelty.js';
import { taskFactorySchema } from './rebuild-task.js';

// The trainer's `fitness` section: the evaluation settings but the batch size, which is the top-level `fitnessBatchSize`.
const trainerFitnessSchema = fitnessConfigSchema.omit({ batchSize: true });

/** Zod schema of the {@link EvolutionTrainer}'s config; unknown keys are rejected. */
export const evolutionTrainerConfigSchema = deprecatedKeys(
  z.strictObject({
    /** Which registered strategy searches the weights. */
    strategy: z.enum(Object.keys(strategies) as [StrategyName, ...StrategyName[]]),
    /** Options of that strategy (validated by it); `mean` defaults to the model's weights, `sigma` to 0.1 (objective tasks: the task's `sigma`). */
    strategyConfig: z.record(z.string(), z.unknown()).default({}),
    /**
     * Supervised: rows of the train split each candidate's fitness is measured on (samples, an
     * integer > 0), drawn per generation, the same for every candidate; omit for the whole split.
     * The name every trainer uses (memetic, NEAT + backprop, PBT). Formerly `fitness.batchSize`.
     */
    fitnessBatchSize: z.number().int().positive().optional().meta({ unit: 'samples' }),
    /** How a candidate's fitness is measured on control tasks (`episodes`, `episodeSeeds`), see {@link fitnessConfigSchema}. */
    fitness: trainerFitnessSchema.default(trainerFitnessSchema.parse({})),
    /** The MLP built when the request has no model: `hidden` sizes (default [16]) and their `activation` (default 'tanh'). */
    model: mlpConfigSchema({ hidden: [16], activation: 'tanh' }),
    /** Worker threads evaluating the population, an integer ≥ 0; 0 (default) evaluates in this thread. Results are identical for any count. */
    workers: z.number().int().nonnegative().default(0).meta({ unit: 'threads' }),
    /** Extra attempts for a chunk whose worker failed, before the run fails, an integer ≥ 0. Default 2. */
    maxRetries: z.number().int().nonnegative().default(2).meta({ unit: 'retries' }),
    /** Where workers get the task from its spec. Default `@evoprop/tasks`' `createTaskFromSpec`. */
    taskFactory: taskFactorySchema,
    /** Generations between held-out evaluations of the current solution (validation split / episodes), an integer > 0. Default 10. Formerly `evaluateEvery`. */
    validateEvery: z.number().int().positive().default(10).meta({ unit: 'generations' }),
    /** Episodes of the held-out evaluation on control tasks, an integer > 0. Default 10. */
    evaluationEpisodes: z.number().int().positive().default(10).meta({ unit: 'episodes' }),
    /** The returned model: the strategy's mean ('mean', default) or the best candidate seen ('best'). */
    result: z.enum(['mean', 'best']).default('mean'),
    /**
     * Novelty search (Lehman & Stanley 2011) for the ask/tell strategy: each generation the
     * candidates' behaviours (control: the task's `episodeBehaviour`; supervised: the outputs on the
     * fitness batch; objective: the solution vector) are scored by `noveltyStep`, and the strategy
     * is told −score, so it climbs novelty (NS-ES, Conti et al. 2018, with Lehman & Stanley's
     * thresholded archive) or, with `fitnessWeight` > 0, novelty mixed with the fitness. The best
     * solution, `result: 'best'` and the metrics stay those of the fitness. Omit for plain fitness.
     */
    novelty: noveltyConfigSchema.optional(),
  }),
  { evaluateEvery: 'validateEvery', 'fitness.batchSize': 'fitnessBatchSize' },
);
/** What a user writes as an evolution trainer config: the input side of {@link evolutionTrainerConfigSchema} (`strategy` required). */
export type EvolutionTrainerConfig = z.input<typeof evolutionTrainerConfigSchema> & {
  /** @deprecated The old name of `validateEvery` (still accepted, with a deprecation warning). */
  readonly evaluateEvery?: number;
  /** `batchSize` is deprecated here: write the top-level `fitnessBatchSize` (still accepted, with a deprecation warning). */
  readonly fitness?: z.input<typeof trainerFitnessSchema> & {
    /** @deprecated The old place of `fitnessBatchSize` (still accepted, with a deprecation warning). */
    readonly batchSize?: number;
  };
};
/** A parsed evolution trainer config, every default filled in. */
export type ParsedEvolutionTrainerConfig = z.output<typeof evolutionTrainerConfigSchema>;
