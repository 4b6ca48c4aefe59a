import type { Trainer } from '@evoprop/core';
import { type SearchSpaceInput, deprecatedKeys, keyAliasesOf } from '@evoprop/core/config';
import type { z } from 'zod';
import type { StrategyName } from '../registry.js';
import { evolutionTrainerConfigSchema } from './config.js';
import { EvolutionTrainer } from './evolution-trainer.js';

/** The config of a registered evolution trainer: everything but the strategy, which the id fixes. */
export const evolutionTrainerDefinitionSchema = deprecatedKeys(
  evolutionTrainerConfigSchema.omit({ strategy: true }),
  // A derived schema is a new object: it takes the trainer's deprecated names (evaluateEvery, fitness.batchSize) over.
  keyAliasesOf(evolutionTrainerConfigSchema) ?? {},
);
/** What a user writes as the config of a registered evolution trainer (the input side of {@link evolutionTrainerDefinitionSchema}). */
export type EvolutionTrainerDefinitionConfig = z.input<typeof evolutionTrainerDefinitionSchema>;

/** A trainer definition in @evoprop/core's registry format ({ id, description, configSchema, create }). */
export type EvolutionTrainerDefinition = Readonly<{
  /** Registry id, equal to the strategy's id (`'cma-es'`, ...). */
  id: string;
  /** One line for listings: the algorithm, its paper and when to use it. */
  description: string;
  /** The config schema: {@link evolutionTrainerDefinitionSchema}. */
  configSchema: typeof evolutionTrainerDefinitionSchema;
  /** What tuning searches: the strategy's step size σ and population size (under `strategyConfig`), and which model is returned. */
  searchSpace: SearchSpaceInput;
  /** An {@link EvolutionTrainer} for the parsed config, with this definition's strategy. */
  create(config: z.output<typeof evolutionTrainerDefinitionSchema>): Trainer;
}>;

/**
 * The search space every evolution strategy shares: the initial step size σ (log-uniform over two
 * decades around the default 0.1, in weight units), the population size λ (log-uniform), and
 * whether the strategy's mean or the best candidate seen is returned.
 */
const commonSpace = {
  /** Initial step size σ, in weight units. */
  'strategyConfig.sigma': { scale: 'log', low: 0.02, high: 2 },
  /** Candidates per generation λ. */
  'strategyConfig.populationSize': { scale: 'log', low: 6, high: 100, integer: true },
  /** The returned model: the distribution's mean or the best candidate seen. */
  result: { scale: 'choice', values: ['mean', 'best'] },
} as const satisfies SearchSpaceInput;

/** Per strategy, what it tunes beyond {@link commonSpace}. */
const extraSpace: Readonly<Partial<Record<StrategyName, SearchSpaceInput>>> = {
  // OpenAI-ES and PGPE move the mean with Adam on the estimated gradient (Salimans et al. 2017, §2).
  // Antithetic pairs need an even λ.
  openAiEs: {
    'strategyConfig.populationSize': { scale: 'choice', values: [8, 16, 32, 64, 128] },
    'strategyConfig.optimizer.name': { scale: 'choice', values: ['adam'] },
    'strategyConfig.optimizer.learningRate': { scale: 'log', low: 0.003, high: 0.3 },
  },
  pgpe: {
    'strategyConfig.populationSize': { scale: 'choice', values: [8, 16, 32, 64, 128] },
    'strategyConfig.optimizer.name': { scale: 'choice', values: ['adam'] },
    'strategyConfig.optimizer.learningRate': { scale: 'log', low: 0.003, high: 0.3 },
  },
  // The deep GA (Such et al. 2017): σ is the mutation power; the truncation size T picks the parents.
  // Population sizes from 20, so every sampled truncation T ≤ 20 fits (deepGa.init rejects T > λ).
  deepGa: {
    'strategyConfig.populationSize': { scale: 'log', low: 20, high: 200, integer: true },
    'strategyConfig.truncation': { scale: 'log', low: 2, high: 20, integer: true },
  },
  // The GA: σ is the spread of the first generation; mutation σ and crossover rate drive the search.
  ga: {
    'strategyConfig.mutation.kind': { scale: 'choice', values: ['gaussian'] },
    'strategyConfig.mutation.sigma': { scale: 'log', low: 0.01, high: 1 },
    'strategyConfig.crossoverRate': { scale: 'linear', low: 0, high: 1 },
  },
};

const define = (id: string, strategy: StrategyName, description: string): EvolutionTrainerDefinition => ({
  id,
  description,
  configSchema: evolutionTrainerDefinitionSchema,
  searchSpace: { ...commonSpace, ...extraSpace[strategy] },
  create: (config) => new EvolutionTrainer({ ...config, strategy }),
});

/**
 * Every evolution trainer, for `createRegistry(evolutionTrainers, { what: 'trainer' })`.
 * Ids equal the strategy ids, so `trainer.id` and the registry id agree.
 */
export const evolutionTrainers: readonly EvolutionTrainerDefinition[] = [
  define(
    'openai-es',
    'openAiEs',
    'OpenAI-ES (Salimans et al. 2017): antithetic Gaussian perturbations, centred ranks, Adam on the estimated gradient',
  ),
  define('cma-es', 'cmaEs', 'CMA-ES (Hansen 2016): full covariance adaptation; best below a few hundred weights'),
  define('sep-cma-es', 'sepCmaEs', 'sep-CMA-ES (Ros & Hansen 2008): diagonal covariance, linear cost; for thousands of weights'),
  define('ipop-cma-es', 'ipopCmaEs', 'IPOP-CMA-ES (Auger & Hansen 2005): restarts with doubling population'),
  define('bipop-cma-es', 'bipopCmaEs', 'BIPOP-CMA-ES (Hansen 2009): large- and small-population restarts interleaved'),
  define('snes', 'snes', 'SNES (Schaul et al. 2011): separable natural evolution strategy'),
  define('xnes', 'xnes', 'xNES (Glasmachers et al. 2010): exponential natural evolution strategy with full covariance; small n'),
  define('pgpe', 'pgpe', 'PGPE (Sehnke et al. 2010): symmetric parameter-exploring policy gradients with Adam'),
  define('ga', 'ga', 'Genetic algorithm: selection, crossover, Gaussian/uniform mutation, elitism'),
  define(
    'deep-ga',
    'deepGa',
    'Deep GA (Such et al. 2017): truncation selection, Gaussian mutation only, re-evaluated elite, genomes stored as seed lists; for 10⁴–10⁶ weights',
  ),
];
