import { deprecatedKeys, mlpConfigSchema } from '@evoprop/core/config';
import { type StrategyName, strategies } from '@evoprop/evolution';
import { z } from 'zod';
import { refinementSchema } from '../shared/optimizer.js';

const strategyNames = Object.keys(strategies) as [StrategyName, ...StrategyName[]];

/**
 * GA settings for memetic use: refined networks are expensive, so few of them; crossover of two
 * trained networks mostly destroys both (hidden units are permutable), so children are mutated
 * copies of the elite-biased tournament winners. The best of the GA arms of bench/memetic-spirals.ts
 * (20 seeds), with `inheritOptimizerState` on.
 */
export const memeticGaDefaults = {
  /** Individuals per generation (each refined by k gradient steps). */
  populationSize: 3,
  /** Spread of the first generation around the model's initial weights (σ of N(init, σ²), in weight units). */
  sigma: 0.1,
  /** Best individuals kept unchanged (not refined again) each generation. */
  eliteCount: 1,
  /** Probability of crossover; 0 = children are mutated copies of one parent. */
  crossoverRate: 0,
  /** Gaussian mutation of a child's genes. */
  mutation: {
    /** Gaussian perturbation x += σ·N(0, 1). */
    kind: 'gaussian',
    /** σ of the perturbation, in weight units. */
    sigma: 0.05,
    /** Every weight is perturbed (a restart near the parent, not a one-gene tweak). */
    rate: 1,
    /** Fixed σ (no log-normal self-adaptation). */
    selfAdaptive: false,
  },
} as const;

/** Config of the memetic trainer `MemeticTrainer` (strict: unknown keys are rejected). */
export const memeticConfigSchema = deprecatedKeys(
  z.strictObject({
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
    /**
     * The first generation: 'strategy' (default) refines what the strategy samples around the
     * initial weights; 'reinitialize' refines the initial weights themselves (candidate 0) and
     * independent fresh initialisations of the same architecture (`buildModel(model.spec, rng)`)
     * in the other slots — random restarts that later generations select among and perturb.
     */
    initialPopulation: z.enum(['strategy', 'reinitialize']).default('strategy'),
    /** k gradient steps per candidate before it is evaluated. */
    refinement: refinementSchema.default(refinementSchema.parse({})),
    /**
     * Lamarckian only: a candidate starts its refinement from the optimizer state (Adam's
     * moments, momentum) of the nearest refined point of the previous generations, so a
     * lineage keeps its optimizer state as it keeps its weights (default on). Off: every refinement starts fresh.
     */
    inheritOptimizerState: z.boolean().default(true),
    /**
     * The split the fitness (loss after refinement) is measured on. 'train' (default) selects the
     * lineages that fit best; 'validation' selects those that generalise best, the way PBT's ready
     * evaluations do (Jaderberg et al. 2017, p. 4) — useful once every refined candidate fits the
     * training split perfectly; 'train+validation' scores both splits' rows together, so an
     * unconverged candidate cannot win on a lucky validation score. The validation split must
     * then be non-empty.
     */
    fitnessSplit: z.enum(['train', 'validation', 'train+validation']).default('train'),
    /**
     * What the fitness (minimised) measures after refinement: 'loss' (default), or 'accuracy' —
     * classification only — the error rate, ties broken by the loss (its share is below one row).
     */
    fitness: z.enum(['loss', 'accuracy']).default('loss'),
    /** Rows of that split the fitness is measured on, drawn per generation; null = the whole split. */
    fitnessBatchSize: z.number().int().positive().nullable().default(null).meta({ unit: 'samples' }),
    /** The MLP built when the request brings no model: `hidden` default [8, 8], `activation` default 'tanh'. */
    model: mlpConfigSchema({ hidden: [8, 8], activation: 'tanh' }),
    /** Generations between validation-split metrics (monitoring, not charged). Formerly `evaluateEvery`. */
    validateEvery: z.number().int().positive().default(1).meta({ unit: 'generations' }),
    /**
     * The returned model: 'best' (default), the refined candidate of best fitness seen; 'mean', the
     * strategy's current mean / best genome; 'validation', the refined candidate of best validation
     * score (error rate, ties broken by loss) — model selection as in early stopping, while the
     * fitness keeps driving the search. Scoring every refined candidate on the validation split is charged.
     */
    result: z.enum(['best', 'mean', 'validation']).default('best'),
  }),
  { evaluateEvery: 'validateEvery' },
);
/** Memetic config as written by a user (every key optional). */
export type MemeticConfig = z.input<typeof memeticConfigSchema> & {
  /** @deprecated The old name of `validateEvery` (still accepted, with a deprecation warning). */
  readonly evaluateEvery?: number;
};
/** Memetic config after parsing, with every default filled in. */
export type ParsedMemeticConfig = z.output<typeof memeticConfigSchema>;
