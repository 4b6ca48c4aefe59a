import type { z } from 'zod';
import { parseConfig } from '../config/parse-config.js';
import { didYouMean } from '../config/suggest.js';
import type { Task } from '../contract/task.js';
import type { Trainer } from '../contract/trainer.js';
import { ConfigError, RegistryError } from '../errors.js';
import type { SearchSpaceInput } from '../tuning/search-space.js';

/** What every registry entry has. */
export type RegistryEntry = Readonly<{
  /** Unique id within the registry, e.g. `'backprop'` or `'spirals'`. */
  id: string;
  /** One line saying what it is, for listings and `--help`. */
  description: string;
}>;

/** An explicit, immutable map of definitions by id. Nothing registers itself on import. */
export type Registry<D extends RegistryEntry> = Readonly<{
  /** What the entries are ('trainer', 'task'), for messages. */
  what: string;
  /** Every id, in registration order. */
  ids: readonly string[];
  /** Whether an entry with this id exists. */
  has(id: string): boolean;
  /** The entry, or a RegistryError listing the valid ids. */
  get(id: string): D;
  /** Every entry, in registration order. */
  list(): readonly D[];
  /** A new registry with more entries (plugins); ids must stay unique. */
  extend<E extends RegistryEntry>(more: readonly E[]): Registry<D | E>;
}>;

/**
 * A registry from a list of definitions.
 * @example
 * const trainers = createRegistry([randomSearch, adamTrainer], { what: 'trainer' });
 * trainers.get('adma'); // RegistryError: trainer: expected one of random-search, adam, got 'adma'
 */
export function createRegistry<D extends RegistryEntry>(definitions: readonly D[], options: Readonly<{ what?: string }> = {}): Registry<D> {
  const what = options.what ?? 'entry';
  const byId = new Map<string, D>();
  for (const d of definitions) {
    if (typeof d.id !== 'string' || d.id === '') throw new RegistryError(what, 'entries with a non-empty string id', JSON.stringify(d.id));
    if (byId.has(d.id)) throw new RegistryError(what, 'unique ids', `'${d.id}' twice`);
    byId.set(d.id, d);
  }
  const ids = [...byId.keys()];
  return {
    what,
    ids,
    has: (id) => byId.has(id),
    get(id) {
      const d = byId.get(id);
      if (d === undefined) {
        const hint = didYouMean(id, ids);
        throw new RegistryError(
          what,
          `one of ${ids.join(', ') || '(none registered)'}`,
          `'${id}'${hint === '' ? '' : ` (${hint.trim()})`}`,
        );
      }
      return d;
    },
    list: () => [...byId.values()],
    extend: <E extends RegistryEntry>(more: readonly E[]) => createRegistry<D | E>([...byId.values(), ...more], { what }),
  };
}

/** A trainer in a registry: its id, config schema and factory. `createTrainer` parses the config with the schema (unknown keys rejected) before `create` sees it. */
export type TrainerDefinition<S extends z.ZodType = z.ZodType> = Readonly<{
  /** Registry id, e.g. `'backprop'`; also the trainer's `id`. */
  id: string;
  /** One line saying what the trainer does. */
  description: string;
  /** zod schema of the JSON config (defaults filled in by parsing). */
  configSchema: S;
  /**
   * Ranges of the trainer's important hyperparameters by config path, for tuning (`--tune N` in the
   * arena gives every trainer the same number of points of its own space). Checked with
   * `checkSearchSpace`. Absent: the trainer has nothing to tune.
   */
  searchSpace?: SearchSpaceInput | undefined;
  /** Build the trainer from a parsed config. */
  create(config: z.output<S>): Trainer;
}>;

/** Identity, for type inference of `create`'s config. */
export const defineTrainer = <S extends z.ZodType>(definition: TrainerDefinition<S>): TrainerDefinition<S> => definition;

/** Build a trainer by id from plain JSON config. */
export function createTrainer(registry: Registry<TrainerDefinition>, id: string, config: unknown = {}): Trainer {
  const d = registry.get(id);
  return d.create(parseConfig(d.configSchema, config, `${registry.what} '${id}' config`));
}

/** A task in a registry: its id, kind, options schema and factory. `createTaskFrom` parses the options with the schema (unknown keys rejected) before `create` sees them. */
export type TaskDefinition<S extends z.ZodType = z.ZodType> = Readonly<{
  /** Registry id, e.g. `'spirals'`. */
  id: string;
  /** The kind of task it builds. */
  kind: Task['kind'];
  /** One line saying what the task is. */
  description: string;
  /** zod schema of the JSON options (defaults filled in by parsing). */
  optionsSchema: S;
  /** Build the task from a seed and parsed options; the same pair gives the same data. */
  create(seed: number, options: z.output<S>): Task;
}>;

/** Identity, for type inference of `create`'s options. */
export const defineTask = <S extends z.ZodType>(definition: TaskDefinition<S>): TaskDefinition<S> => definition;

/** Build a task by id and seed from plain JSON options. */
export function createTaskFrom(registry: Registry<TaskDefinition>, id: string, seed: number, options: unknown = {}): Task {
  const d = registry.get(id);
  if (!Number.isSafeInteger(seed)) throw new ConfigError(`${registry.what} '${id}' seed`, 'a safe integer', String(seed));
  return d.create(seed, parseConfig(d.optionsSchema, options, `${registry.what} '${id}' options`));
}

/** @deprecated Use {@link createTaskFrom} (`createTask(id, seed)` is `@evoprop/tasks`' built-in registry). */
export const createTask = createTaskFrom;
