import type { Task, Trainer } from '@evoprop/core';
import type { SearchSpace } from '@evoprop/core/config';
import type { z } from 'zod';

/** One documented config option of a trainer (derived from its zod schema for `list`). */
export type OptionDoc = Readonly<{ name: string; type: string; default?: unknown; range?: string; description?: string }>;

/** A trainer the arena can run: its id, what it is, the config it accepts, and a factory. */
export type TrainerEntry = Readonly<{
  id: string;
  description: string;
  /** Validates config overrides (unknown keys rejected). Absent: the trainer takes no config. */
  configSchema?: z.ZodType;
  /** For listings only: schemas of config keys the config schema leaves free-form (`strategyConfig` → the strategy's schema). */
  nestedSchemas?: Readonly<Record<string, z.ZodType>>;
  /** Ranges of the important hyperparameters by config path, for `--tune` (see core's `checkSearchSpace`). Absent: nothing to tune. */
  searchSpace?: SearchSpace;
  create(config: Readonly<Record<string, unknown>>): Trainer;
}>;

/** A task the arena can run, built from a seed (same id + seed ⇒ same data). */
export type TaskEntry = Readonly<{
  id: string;
  description: string;
  /** Validates task options (unknown keys rejected). Absent: the task takes no options. */
  optionsSchema?: z.ZodType;
  create(seed: number, options: Readonly<Record<string, unknown>>): Task | Promise<Task>;
}>;

/**
 * Everything the arena can run. Built from the registries of the evoprop packages
 * (see `default-catalog.ts`) or from a plugin module that exports `createCatalog()`.
 * `notes` says what is missing and why, so a suite can skip an absent trainer loudly.
 */
export type Catalog = Readonly<{
  trainers: ReadonlyMap<string, TrainerEntry>;
  tasks: ReadonlyMap<string, TaskEntry>;
  notes: readonly string[];
}>;

export const catalogOf = (trainers: readonly TrainerEntry[], tasks: readonly TaskEntry[], notes: readonly string[] = []): Catalog => ({
  trainers: new Map(trainers.map((t) => [t.id, t])),
  tasks: new Map(tasks.map((t) => [t.id, t])),
  notes,
});

/** Merge catalogs; later entries win on id clashes (a plugin can replace a built-in). */
export const mergeCatalogs = (...parts: readonly Catalog[]): Catalog => ({
  trainers: new Map(parts.flatMap((c) => [...c.trainers])),
  tasks: new Map(parts.flatMap((c) => [...c.tasks])),
  notes: parts.flatMap((c) => c.notes),
});
