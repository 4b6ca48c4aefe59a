import { deprecatedKeys, mlpConfigSchema } from '@evoprop/core/config';
import { z } from 'zod';
import { pbtSearchSpaceSchema } from './hyperparameters.js';

/** Config of the population-based trainer `PbtTrainer` (strict: unknown keys are rejected). */
export const pbtConfigSchema = deprecatedKeys(
  z.strictObject({
    /** N members, trained one after another in this thread (deterministic). */
    populationSize: z.number().int().min(2).default(8).meta({ unit: 'members' }),
    /** Gradient steps of every member between two exploit/explore rounds ("ready"). */
    interval: z.number().int().positive().default(50).meta({ unit: 'gradient steps' }),
    /** Bottom fraction replaced by copies of the top fraction (the paper's 20–25 %). */
    truncation: z.number().gt(0).max(0.5).default(0.25).meta({ unit: 'fraction of population' }),
    /** Explore: multiply by one of these factors... */
    perturbFactors: z
      .array(z.number().positive().meta({ unit: 'factor' }))
      .min(1)
      .default([0.8, 1.2]),
    /** ...or, with this probability per hyperparameter, resample from the search space. */
    resampleProbability: z.number().min(0).max(1).default(0.25).meta({ unit: 'probability' }),
    /** 'sgd' (momentum = heavy ball) or 'adam' (momentum = β1); weight decay is coupled L2 for both. */
    optimizer: z.enum(['sgd', 'adam']).default('sgd'),
    /** Fixed values or ranges of learning rate, weight decay, momentum, dropout and batch size. */
    search: pbtSearchSpaceSchema.default(pbtSearchSpaceSchema.parse({})),
    /**
     * Validation rows (samples) each ready evaluation scores a member on, its fitness (seeded, the same for all
     * members); null = the whole split. The name every trainer uses for the rows a fitness is measured on. Formerly `evaluationSize`.
     */
    fitnessBatchSize: z.number().int().positive().nullable().default(null).meta({ unit: 'samples' }),
    /** The MLP each member starts from when the request brings no model (independent initialisations): `hidden` default [32], `activation` default 'relu'. */
    model: mlpConfigSchema({ hidden: [32], activation: 'relu' }),
  }),
  { evaluationSize: 'fitnessBatchSize' },
);
/** PBT config as written by a user (every key optional). */
export type PbtConfig = z.input<typeof pbtConfigSchema> & {
  /** @deprecated The old name of `fitnessBatchSize` (still accepted, with a deprecation warning). */
  readonly evaluationSize?: number | null;
};
/** PBT config after parsing, with every default filled in. */
export type ParsedPbtConfig = z.output<typeof pbtConfigSchema>;
