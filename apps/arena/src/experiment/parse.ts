import { basename } from 'node:path';
import { type Budget, ConfigError } from '@evoprop/core';
import type { z } from 'zod';
import { configProblems, formatPath, renameDeprecatedKeys, warnDeprecatedKey } from '@evoprop/core/config';
import type { Catalog, TrainerEntry } from '../catalog/catalog.js';
import { fileTaskId } from '../catalog/file-task.js';
import { ExperimentError, unknownChoice } from './errors.js';
import type { Comparison, Experiment, TaskModel, TaskPlan, TrainerPlan } from './experiment.js';
import { experimentSchema, type tuneSchema } from './schema.js';
import { type TuneRequest, withTuning } from '../tuning/plan.js';

type Issue = z.core.$ZodIssue;

/**
 * What building the trainer says about its config: nested configs the schema leaves open (a
 * strategy's `strategyConfig`, NEAT's `neat` overrides) are checked by the trainer itself, so a
 * misspelt nested key fails here, before any run, not in every run.
 */
function constructionProblems(entry: TrainerEntry, config: Readonly<Record<string, unknown>>, i: number): string[] {
  try {
    entry.create(config);
    return [];
  } catch (e) {
    const lines =
      e instanceof ConfigError ? e.problems.map((p) => `${p.where}: expected ${p.expected}, got ${p.actual}`) : [(e as Error).message];
    return lines.map((line) => `trainers[${i}].config: ${line}`);
  }
}

/** One line per problem, `path: expected X, got Y`, from core's config parser (unknown keys with "did you mean" and the valid keys). */
export function describeIssues(schema: z.ZodType, input: unknown, issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  return configProblems(schema, input, issues).map((p) => {
    const path = [...prefix, ...p.path];
    return `${path.length === 0 ? '(top level)' : formatPath(path)}: expected ${p.expected}, got ${p.actual}`;
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(out[k], v);
  return out;
}

/**
 * A config whose nested objects are partial (`optimizer.learningRate=0.5` from a flag) completed
 * from the schema's defaults of those keys, where only the completed one is valid: `sgd`'s
 * `{ optimizer: { learningRate: 0.5 } }` keeps the preset's `name: 'sgd'`.
 */
function completeNested(schema: z.ZodType, config: Record<string, unknown>): Record<string, unknown> {
  const shape = (schema as { shape?: Record<string, z.ZodType> }).shape;
  if (shape === undefined || schema.safeParse(config).success) return config;
  const out = { ...config };
  for (const [key, given] of Object.entries(config)) {
    const field = shape[key];
    if (field === undefined || !isPlainObject(given) || field.safeParse(given).success) continue;
    const fallback = field.safeParse(undefined);
    if (!fallback.success || !isPlainObject(fallback.data)) continue;
    const merged = deepMerge(fallback.data, given);
    if (field.safeParse(merged).success) out[key] = merged;
  }
  return out;
}

/** Problems of a list of seeds given twice (each would write the same run ids). */
function duplicateSeeds(seeds: unknown): string[] {
  if (!Array.isArray(seeds)) return [];
  const first = new Map<unknown, number>();
  return seeds.flatMap((s, i) => {
    const seen = first.get(s);
    if (seen === undefined) first.set(s, i);
    return seen === undefined
      ? []
      : [`seeds[${i}]: expected distinct seeds (each names its runs), got ${String(s)} again (also seeds[${seen}])`];
  });
}

/** A `{ file, target, ... }` entry as a `file` task: its label defaults to the file's name, the other keys are options. */
function fileTaskPlan(entry: Readonly<Record<string, unknown>> & Readonly<{ file: string; label?: string; budget?: Budget }>) {
  const { label, budget, ...options } = entry;
  return { id: fileTaskId, label: label ?? basename(entry.file), options, ...(budget !== undefined ? { budget } : {}) };
}

export type ParseOptions = Readonly<{
  /** Where the definition came from, for messages ('quick', 'exp.yaml', 'flags'). */
  source: string;
  /** When given, task and trainer ids and trainer configs are checked against it. */
  catalog?: Catalog;
  /** Drop tasks/trainers the catalog lacks (noting them) instead of failing — for built-in suites. */
  skipMissing?: boolean | Readonly<{ tasks: boolean; trainers: boolean }>;
}>;

export type Parsed = Readonly<{ experiment: Experiment; skipped: readonly string[] }>;

/**
 * The declared comparisons with labels checked: a label that names no task or trainer of the
 * definition fails; one whose entry was skipped (not registered here) is dropped with a note.
 */
function resolveComparisons(
  given: readonly Comparison[] | undefined,
  tasks: readonly TaskPlan[],
  trainers: readonly TrainerPlan[],
  declared: Readonly<{ tasks: ReadonlyMap<string, number>; trainers: ReadonlyMap<string, number> }>,
  skipped: string[],
  source: string,
): Comparison[] | undefined {
  if (given === undefined) return undefined;
  const problems: string[] = [];
  const present = { tasks: new Set(tasks.map((t) => t.label)), trainers: new Set(trainers.map((t) => t.label)) };
  const keep = (list: 'tasks' | 'trainers', label: string, path: string): boolean => {
    if (present[list].has(label)) return true;
    if (declared[list].has(label)) {
      skipped.push(`comparison with ${list === 'tasks' ? 'task' : 'trainer'} '${label}' dropped (not run)`);
      return false;
    }
    problems.push(`${path}: ${unknownChoice(list === 'tasks' ? 'task label' : 'trainer label', label, [...present[list]])}`);
    return false;
  };
  const out = given.flatMap((c, i) => {
    const at = `comparisons[${i}]`;
    if (!keep('trainers', c.trainer, `${at}.trainer`)) return [];
    const against = c.against.filter((a, j) => keep('trainers', a, `${at}.against[${j}]`));
    const on = c.tasks.filter((t, j) => keep('tasks', t, `${at}.tasks[${j}]`));
    return against.length === 0 || on.length === 0 ? [] : [{ ...c, against, tasks: on }];
  });
  if (problems.length > 0) throw new ExperimentError(source, problems);
  return out;
}

/** Validate a raw definition (from YAML, JSON or flags) into an {@link Experiment}. Throws {@link ExperimentError}. */
export function parseExperiment(raw: unknown, options: ParseOptions): Parsed {
  if (raw === null || raw === undefined) {
    throw new ExperimentError(options.source, [
      '(top level): expected an experiment (tasks, trainers, budget), got nothing (an empty definition)',
    ]);
  }
  // Deprecated key names (a trainer's `lr`, a start's `replaceHead`) work as their new names, with one warning each.
  const current = (schema: z.ZodType | undefined, value: Record<string, unknown>, path: readonly PropertyKey[]) => {
    if (schema === undefined) return value;
    const r = renameDeprecatedKeys(schema, value);
    const where = path.length === 0 ? options.source : `${options.source}: ${formatPath(path)}`;
    for (const use of r.uses) warnDeprecatedKey(where, use);
    return r.value as Record<string, unknown>;
  };
  const input = typeof raw === 'object' ? current(experimentSchema, raw as Record<string, unknown>, []) : raw;
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) throw new ExperimentError(options.source, describeIssues(experimentSchema, input, parsed.error.issues));
  const def = parsed.data;
  const problems: string[] = duplicateSeeds(def.seeds);
  const skipped: string[] = [];
  const catalog = options.catalog;
  const skip =
    typeof options.skipMissing === 'object'
      ? options.skipMissing
      : { tasks: options.skipMissing === true, trainers: options.skipMissing === true };

  const labels = { tasks: new Map<string, number>(), trainers: new Map<string, number>() };
  /** Label uniqueness and the catalog lookup, alike for tasks and trainers: the entry, undefined without a catalog, null to drop it. */
  const lookUp = <E>(list: 'tasks' | 'trainers', i: number, id: string, label: string, entries: ReadonlyMap<string, E> | undefined) => {
    const seen = labels[list].get(label);
    if (seen !== undefined)
      problems.push(`${list}[${i}].label: '${label}' is already used by ${list}[${seen}]; give each entry a distinct label`);
    labels[list].set(label, i);
    const entry = entries?.get(id);
    if (entries === undefined || entry !== undefined) return entry;
    const kind = list === 'tasks' ? 'task' : 'trainer';
    if (skip[list]) skipped.push(`${kind} '${id}' is not registered; skipped`);
    else problems.push(`${list}[${i}]: ${unknownChoice(kind, id, [...entries.keys()])}`);
    return null;
  };
  /** Problems of an entry's options or config under its schema; an entry without a schema takes none. */
  const checked = (schema: z.ZodType | undefined, value: Record<string, unknown>, path: readonly PropertyKey[], what: string) => {
    if (schema === undefined) {
      const keys = Object.keys(value);
      return keys.length === 0 ? [] : [`${formatPath(path)}: ${what} takes no ${String(path.at(-1))}, got keys ${keys.join(', ')}`];
    }
    const r = schema.safeParse(value);
    return r.success ? [] : describeIssues(schema, value, r.error.issues, path);
  };

  const tasks = def.tasks.flatMap((given, i): TaskPlan[] => {
    const t = typeof given === 'object' && 'file' in given ? fileTaskPlan(given) : given;
    const id = typeof t === 'string' ? t : t.id;
    const label = typeof t === 'string' ? t : (t.label ?? id);
    const entry = lookUp('tasks', i, id, label, catalog?.tasks);
    if (entry === null) return [];
    const taskOptions = typeof t === 'string' ? {} : current(entry?.optionsSchema, t.options ?? {}, ['tasks', i, 'options']);
    // A file entry's options are the entry itself, so its problems point at the entry.
    const at = id === fileTaskId ? ['tasks', i] : ['tasks', i, 'options'];
    if (entry !== undefined) problems.push(...checked(entry.optionsSchema, taskOptions, at, `task '${id}'`));
    const budget: Budget = typeof t !== 'string' && t.budget !== undefined ? t.budget : def.budget;
    const target = typeof t !== 'string' && 'target' in t && typeof t.target === 'object' ? t.target : undefined;
    const model = typeof t === 'string' || !('model' in t) ? undefined : (t.model as TaskModel | undefined);
    return [
      { id, label, options: taskOptions, budget, ...(target !== undefined ? { target } : {}), ...(model !== undefined ? { model } : {}) },
    ];
  });

  const trainers = def.trainers.flatMap((t, i): TrainerPlan[] => {
    const id = typeof t === 'string' ? t : t.id;
    const label = typeof t === 'string' ? t : (t.label ?? id);
    const entry = lookUp('trainers', i, id, label, catalog?.trainers);
    if (entry === null) return [];
    const given = typeof t === 'string' ? {} : current(entry?.configSchema, t.config ?? {}, ['trainers', i, 'config']);
    const config = entry?.configSchema === undefined ? given : completeNested(entry.configSchema, given);
    if (entry !== undefined) {
      const bad = checked(entry.configSchema, config, ['trainers', i, 'config'], `trainer '${id}'`);
      problems.push(...(bad.length > 0 ? bad : constructionProblems(entry, config, i)));
    }
    const start = typeof t === 'string' ? undefined : t.start;
    return [{ id, label, config, ...(start !== undefined ? { start } : {}) }];
  });

  if (problems.length > 0) throw new ExperimentError(options.source, problems);
  if (tasks.length === 0 || trainers.length === 0) {
    throw new ExperimentError(options.source, [
      `nothing to run: ${tasks.length} task(s) and ${trainers.length} trainer(s) are registered from this definition`,
      ...skipped,
    ]);
  }
  const seeds = typeof def.seeds === 'number' ? Array.from({ length: def.seeds }, (_, i) => i) : def.seeds;
  const comparisons = resolveComparisons(def.comparisons, tasks, trainers, labels, skipped, options.source);
  const experiment: Experiment = {
    name: def.name,
    ...(def.description !== undefined ? { description: def.description } : {}),
    tasks,
    trainers,
    seeds,
    budget: def.budget,
    taskSeed: def.taskSeed,
    curvePoints: def.curvePoints,
    boundaryGrid: def.boundaryGrid,
    ...(comparisons !== undefined ? { comparisons } : {}),
  };
  return { experiment: withFileTuning(experiment, def.tune, options), skipped };
}

/**
 * The experiment with the tuning its `tune` key asks for (`tune: 8` is `--tune 8`), planned here
 * so a tuning seed that clashes with an evaluation seed fails at parse time. Without a catalog
 * (no search spaces to sample) the key is only checked.
 */
function withFileTuning(experiment: Experiment, tune: z.output<typeof tuneSchema> | undefined, options: ParseOptions): Experiment {
  if (tune === undefined || options.catalog === undefined) return experiment;
  const request: TuneRequest =
    typeof tune === 'number'
      ? { trials: tune, seeds: 2, chargeTuning: false }
      : { trials: tune.trials, seeds: tune.seeds, chargeTuning: tune.chargeTuning };
  try {
    return withTuning(experiment, options.catalog, request);
  } catch (e) {
    throw new ExperimentError(options.source, [`tune: ${(e as Error).message}`]);
  }
}
