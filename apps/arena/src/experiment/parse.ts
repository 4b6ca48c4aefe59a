import { basename } from 'node:path';
import type { Budget } from '@evoprop/core';
import { fileTaskId } from '../catalog/file-task.js';
import type { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { ExperimentError, unknownChoice } from './errors.js';
import type { Experiment, TaskPlan, TrainerPlan } from './experiment.js';
import { budgetSchema, experimentSchema, targetSchema } from './schema.js';

type Issue = z.core.$ZodIssue;

const keysAt = (path: readonly PropertyKey[]): readonly string[] => {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (last === 'budget') return Object.keys(budgetSchema.shape);
  if (last === 'target') return Object.keys(targetSchema.shape);
  if (path[0] === 'tasks' && path.length === 2) return ['id', 'label', 'options', 'budget', 'target', 'file'];
  if (path[0] === 'trainers' && path.length === 2) return ['id', 'label', 'config', 'start'];
  if (path.length === 0) return Object.keys(experimentSchema.shape);
  return [];
};

const fmtPath = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(top level)'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

/** The longest issue path of a union branch (a reduce: never spread an array into Math.max). */
const deepest = (branch: readonly Issue[]): number => branch.reduce((m, i) => Math.max(m, i.path.length), Number.NEGATIVE_INFINITY);

/** Flatten zod issues into `path: message` lines that name valid keys and choices. */
export function describeIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(`${fmtPath([...path, key])}: ${unknownChoice('key', key, keysAt(path))}`);
    } else if (issue.code === 'invalid_union') {
      // Report the branch that got furthest (the object form when an object was given).
      const branches = issue.errors.filter((b) => b.length > 0);
      const best = branches.sort((a, b) => deepest(b) - deepest(a))[0];
      const deep = best?.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys');
      if (deep) out.push(...describeIssues(best, path));
      else out.push(`${fmtPath(path)}: ${issue.message}`);
    } else {
      out.push(`${fmtPath(path)}: ${issue.message}`);
    }
  }
  return out;
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

/** A `{ file, target, ... }` entry as a `file` task: its label defaults to the file's name, the other keys are options. */
function fileTaskPlan(entry: Readonly<Record<string, unknown>> & Readonly<{ file: string; label?: string; budget?: Budget }>) {
  const { label, budget, ...options } = entry;
  return { id: fileTaskId, label: label ?? basename(entry.file), options, ...(budget !== undefined ? { budget } : {}) };
}

/** Validate a raw definition (from YAML, JSON or flags) into an {@link Experiment}. Throws {@link ExperimentError}. */
export function parseExperiment(raw: unknown, options: ParseOptions): Parsed {
  const parsed = experimentSchema.safeParse(raw);
  if (!parsed.success) throw new ExperimentError(options.source, describeIssues(parsed.error.issues));
  const def = parsed.data;
  const problems: string[] = [];
  const skipped: string[] = [];
  const catalog = options.catalog;
  const skip =
    typeof options.skipMissing === 'object'
      ? options.skipMissing
      : { tasks: options.skipMissing === true, trainers: options.skipMissing === true };

  const taskLabels = new Map<string, number>();
  const tasks = def.tasks.flatMap((entry, i): TaskPlan[] => {
    const t = typeof entry === 'object' && 'file' in entry ? fileTaskPlan(entry) : entry;
    const id = typeof t === 'string' ? t : t.id;
    const label = typeof t === 'string' ? t : (t.label ?? id);
    const taskOptions = typeof t === 'string' ? {} : (t.options ?? {});
    const seen = taskLabels.get(label);
    if (seen !== undefined)
      problems.push(`tasks[${i}].label: '${label}' is already used by tasks[${seen}]; give each entry a distinct label`);
    taskLabels.set(label, i);
    if (catalog !== undefined) {
      const entry = catalog.tasks.get(id);
      if (entry === undefined) {
        if (skip.tasks) skipped.push(`task '${id}' is not registered; skipped`);
        else problems.push(`tasks[${i}]: ${unknownChoice('task', id, [...catalog.tasks.keys()])}`);
        return [];
      }
      if (entry.optionsSchema !== undefined) {
        const o = entry.optionsSchema.safeParse(taskOptions);
        if (!o.success) problems.push(...describeIssues(o.error.issues, id === fileTaskId ? ['tasks', i] : ['tasks', i, 'options']));
      } else if (Object.keys(taskOptions).length > 0) {
        problems.push(`tasks[${i}].options: task '${id}' takes no options, got keys ${Object.keys(taskOptions).join(', ')}`);
      }
    }
    const budget: Budget = typeof t !== 'string' && t.budget !== undefined ? t.budget : def.budget;
    const target = typeof t !== 'string' && 'target' in t && typeof t.target === 'object' ? t.target : undefined;
    return [{ id, label, options: taskOptions, budget, ...(target !== undefined ? { target } : {}) }];
  });

  const labels = new Map<string, number>();
  const trainers = def.trainers.flatMap((t, i): TrainerPlan[] => {
    const id = typeof t === 'string' ? t : t.id;
    const label = typeof t === 'string' ? t : (t.label ?? id);
    const config = typeof t === 'string' ? {} : (t.config ?? {});
    const seen = labels.get(label);
    if (seen !== undefined)
      problems.push(`trainers[${i}].label: '${label}' is already used by trainers[${seen}]; give each entry a distinct label`);
    labels.set(label, i);
    if (catalog !== undefined) {
      const entry = catalog.trainers.get(id);
      if (entry === undefined) {
        if (skip.trainers) skipped.push(`trainer '${id}' is not registered; skipped`);
        else problems.push(`trainers[${i}]: ${unknownChoice('trainer', id, [...catalog.trainers.keys()])}`);
        return [];
      }
      if (entry.configSchema !== undefined) {
        const c = entry.configSchema.safeParse(config);
        if (!c.success) problems.push(...describeIssues(c.error.issues, ['trainers', i, 'config']));
      } else if (Object.keys(config).length > 0) {
        problems.push(`trainers[${i}].config: trainer '${id}' takes no config, got keys ${Object.keys(config).join(', ')}`);
      }
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
  return {
    experiment: {
      name: def.name,
      ...(def.description !== undefined ? { description: def.description } : {}),
      tasks,
      trainers,
      seeds,
      budget: def.budget,
      taskSeed: def.taskSeed,
      curvePoints: def.curvePoints,
      boundaryGrid: def.boundaryGrid,
    },
    skipped,
  };
}
