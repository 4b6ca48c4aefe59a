import { backpropTrainers } from '@evoprop/backprop';
import type { Task } from '@evoprop/core';
import { EvolutionTrainer, type StrategyName, evolutionTrainerConfigSchema } from '@evoprop/evolution';
import { createTask, tasks } from '@evoprop/tasks';
import type { Catalog, TaskEntry, TrainerEntry } from './catalog.js';
import { catalogOf } from './catalog.js';

/** Every task of @evoprop/tasks' registry. */
function taskEntries(): TaskEntry[] {
  return Object.values(tasks).map((d) => ({
    id: d.id,
    description: d.description,
    optionsSchema: d.optionsSchema,
    create: (seed: number, options: Readonly<Record<string, unknown>>): Task => createTask(d.id, seed, options),
  }));
}

const evolutionConfig = evolutionTrainerConfigSchema.omit({ strategy: true });

/** An EvolutionTrainer preset: a strategy plus defaults; overrides replace the defaults key by key. */
const evolution = (id: string, strategy: StrategyName, description: string, defaults: Readonly<Record<string, unknown>> = {}): TrainerEntry => ({
  id,
  description,
  configSchema: evolutionConfig,
  create: (config) => new EvolutionTrainer({ ...defaults, ...config, strategy }),
});

/** The trainers of the evoprop packages. */
function trainerEntries(): TrainerEntry[] {
  return [
    ...Object.values(backpropTrainers),
    evolution('openai-es', 'openAiEs', 'OpenAI-ES (Salimans et al. 2017): antithetic Gaussian perturbations, centred ranks, Adam on the estimated gradient.'),
    evolution('cma-es', 'cmaEs', 'CMA-ES (Hansen 2016): covariance matrix adaptation with cumulative step-size control.'),
    evolution('ga', 'ga', 'Genetic algorithm: tournament selection, crossover and Gaussian mutation with elitism.'),
  ];
}

/** The tasks and trainers shipped by the evoprop packages. */
export async function createDefaultCatalog(): Promise<Catalog> {
  return catalogOf(trainerEntries(), taskEntries(), []);
}
