import type { Trainer } from '@evoprop/core';
import type { z } from 'zod';
import type { StrategyName } from '../registry.js';
import { evolutionTrainerConfigSchema } from './config.js';
import { EvolutionTrainer } from './evolution-trainer.js';

/** The config of a registered evolution trainer: everything but the strategy, which the id fixes. */
export const evolutionTrainerDefinitionSchema = evolutionTrainerConfigSchema.omit({ strategy: true });
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
  /** An {@link EvolutionTrainer} for the parsed config, with this definition's strategy. */
  create(config: z.output<typeof evolutionTrainerDefinitionSchema>): Trainer;
}>;

const define = (id: string, strategy: StrategyName, description: string): EvolutionTrainerDefinition => ({
  id,
  description,
  configSchema: evolutionTrainerDefinitionSchema,
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
];
