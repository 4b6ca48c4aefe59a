import { backpropTrainers } from '@evoprop/backprop';
import type { Task, Trainer } from '@evoprop/core';
import { type SearchSpaceInput, parseConfig, parseSearchSpace } from '@evoprop/core/config';
import {
  cmaEsConfigSchema,
  evolutionTrainers,
  gaConfigSchema,
  openAiEsConfigSchema,
  pgpeConfigSchema,
  deepGaConfigSchema,
  restartConfigSchema,
  sepCmaEsConfigSchema,
  snesConfigSchema,
  xnesConfigSchema,
} from '@evoprop/evolution';
import { hardMazeTask, hyperNeatTrainers, neatConfigSchema, neatPresets, neatTrainers, paperConfig } from '@evoprop/evolution/neat';
import { hybridTrainers, memeticGaDefaults } from '@evoprop/hybrid';
import { rlTrainers } from '@evoprop/rl';
import { createTask, tasks } from '@evoprop/tasks';
import type { Catalog, TaskEntry, TrainerEntry } from './catalog.js';
import { catalogOf } from './catalog.js';
import { fileTaskEntry } from './file-task.js';
import type { z } from 'zod';

/** Every task of @evoprop/tasks' registry, and the user's data files. */
function taskEntries(): TaskEntry[] {
  return Object.values(tasks)
    .map(
      (d): TaskEntry => ({
        id: d.id,
        description: d.description,
        optionsSchema: d.optionsSchema,
        create: (seed: number, options: Readonly<Record<string, unknown>>): Task => createTask(d.id, seed, options),
      }),
    )
    .concat(fileTaskEntry, hardMazeEntry);
}

/**
 * The hard maze of Lehman & Stanley (2011), a control task that lives in @evoprop/evolution beside
 * novelty search: the same maze for every seed (the robot always starts at the maze's start).
 */
const hardMazeEntry: TaskEntry = {
  id: 'hard-maze',
  description:
    'The deceptive hard maze of Lehman & Stanley (2011): reach the goal; return = 300 − final distance; behaviour = final (x, y).',
  create: () => hardMazeTask(),
};

/** A registry definition in @evoprop/core's format. Their factories parse their own config. */
type Definition = Readonly<{
  id: string;
  description: string;
  configSchema: z.ZodType;
  searchSpace?: SearchSpaceInput;
  create(config: never): Trainer;
}>;

/** What an evolution trainer's `strategyConfig` takes, by trainer id (`mean` comes from the model, so it is left out). */
const strategySchemas: Readonly<Record<string, z.ZodObject>> = {
  'openai-es': openAiEsConfigSchema,
  'cma-es': cmaEsConfigSchema,
  'sep-cma-es': sepCmaEsConfigSchema,
  'ipop-cma-es': restartConfigSchema,
  'bipop-cma-es': restartConfigSchema,
  snes: snesConfigSchema,
  xnes: xnesConfigSchema,
  pgpe: pgpeConfigSchema,
  ga: gaConfigSchema,
  'deep-ga': deepGaConfigSchema,
};

/**
 * Free-form options of the other trainers, by trainer id: NEAT's `neat` overrides of the 'paper'
 * preset (NEAT + backprop starts from a population of 50), and the memetic trainer's
 * `strategyConfig` for its default strategy, the GA.
 */
const otherNestedSchemas: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>> = {
  neat: { neat: neatConfigSchema.default(paperConfig) },
  'neat-backprop': { neat: neatConfigSchema.default({ ...paperConfig, populationSize: 50 }) },
  // HyperNEAT's CPPNs evolve under the 'cppn' preset unless the config names another.
  hyperneat: { neat: neatConfigSchema.default(neatPresets.cppn) },
  memetic: { strategyConfig: gaConfigSchema.default(gaConfigSchema.parse(memeticGaDefaults)) },
};

/** The strategy's keys a user sets: all but `mean` (the model's weights), where the schema has one. */
const withoutMean = (schema: z.ZodObject): z.ZodObject => ('mean' in schema.shape ? schema.omit({ mean: true }) : schema);

const entry = (d: Definition): TrainerEntry => ({
  id: d.id,
  description: d.description,
  configSchema: d.configSchema,
  ...(d.searchSpace !== undefined ? { searchSpace: parseSearchSpace(d.searchSpace, `trainer '${d.id}' search space`) } : {}),
  ...(strategySchemas[d.id] !== undefined ? { nestedSchemas: { strategyConfig: withoutMean(strategySchemas[d.id]!) } } : {}),
  ...(otherNestedSchemas[d.id] !== undefined ? { nestedSchemas: otherNestedSchemas[d.id]! } : {}),
  // Definitions expect a parsed config, as core's `createTrainer` gives them: a preset (adam, sgd)
  // fills its own defaults here; handed raw overrides, it re-parsed them with backprop's (issue 20).
  create: (config) => d.create(parseConfig(d.configSchema, config, `trainer '${d.id}' config`) as never),
});

/** The trainers of the evoprop packages' registries. */
function trainerEntries(): TrainerEntry[] {
  const definitions: Definition[] = [
    ...Object.values(backpropTrainers),
    ...evolutionTrainers,
    ...Object.values(neatTrainers),
    ...Object.values(hyperNeatTrainers),
    ...hybridTrainers,
    ...rlTrainers,
  ];
  return definitions.map(entry);
}

/** The tasks and trainers shipped by the evoprop packages. */
export async function createDefaultCatalog(): Promise<Catalog> {
  return catalogOf(trainerEntries(), taskEntries(), []);
}
