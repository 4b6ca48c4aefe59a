import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ExperimentError, unknownChoice } from './errors.js';
import type { ExperimentInput } from './schema.js';
import { costCurrencies } from './schema.js';
import { suiteNames, suites } from './suites.js';

/** Where the bytes stop being UTF-8 text (a NUL byte or an invalid sequence), or -1 when they are text. */
function binaryAt(bytes: Uint8Array): number {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return nul;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    let i = 0;
    // The first byte that is not plain ASCII: where a reader would look first.
    while (i < bytes.length && (bytes[i] as number) < 0x80) i++;
    return i;
  }
}

/** Read a YAML (.yaml/.yml) or JSON experiment file into a raw definition (validated later by `parseExperiment`). */
export function readExperimentFile(path: string): unknown {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ExperimentError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  const format = extname(path) === '.json' ? 'JSON' : 'YAML';
  const binary = binaryAt(bytes);
  if (binary >= 0) {
    throw new ExperimentError(path, [
      `expected a ${format} text file, got binary data (byte ${binary} of ${bytes.length} is not UTF-8 text)`,
    ]);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.trim() === '') throw new ExperimentError(path, [`expected a ${format} experiment (tasks, trainers, budget), got an empty file`]);
  let raw: unknown;
  try {
    raw = format === 'JSON' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ExperimentError(path, [`not valid ${format}: ${(e as Error).message}`]);
  }
  if (raw === null || raw === undefined) {
    throw new ExperimentError(path, [
      `expected a ${format} experiment (tasks, trainers, budget), got a file with no content (only comments or blank lines)`,
    ]);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ExperimentError(path, [
      `expected a ${format} mapping with tasks, trainers and budget, got ${Array.isArray(raw) ? 'a list' : `the ${typeof raw} ${JSON.stringify(raw)}`}`,
    ]);
  }
  return resolveDataFiles(raw, path);
}

/** `tasks: [{ file: data.csv }]` paths are relative to the experiment file, so the two travel together. */
function resolveDataFiles(raw: unknown, path: string): unknown {
  const tasks = typeof raw === 'object' && raw !== null ? (raw as { tasks?: unknown }).tasks : undefined;
  if (!Array.isArray(tasks)) return raw;
  const resolved = tasks.map((t: unknown) =>
    typeof t === 'object' && t !== null && typeof (t as { file?: unknown }).file === 'string'
      ? { ...t, file: resolve(dirname(path), (t as { file: string }).file) }
      : t,
  );
  return { ...(raw as object), tasks: resolved };
}

/** A built-in suite by name, or an error listing the suites. */
export function suiteDefinition(name: string): ExperimentInput {
  const s = suites[name];
  if (s === undefined) throw new ExperimentError('suite', [unknownChoice('suite', name, suiteNames)]);
  return s;
}

/** Command-line overrides of a definition; each replaces the field it names. */
export type FlagOverrides = Readonly<{
  tasks?: string;
  trainers?: readonly string[];
  seeds?: string;
  budget?: string;
  target?: string;
  name?: string;
}>;

const scalar = (s: string): unknown => {
  if (s === 'true' || s === 'false') return s === 'true';
  const n = Number(s);
  if (s.trim() !== '' && Number.isFinite(n)) return n;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

/** Split a `--trainers` list: commas separate trainers, except inside a config (`a,b:x=1,y=2` is two trainers). */
export const splitTrainerList = (list: string): string[] =>
  list
    .split(/,(?![^,:]*=)/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Set `value` at a dotted key (`optimizer.learningRate`) inside `config`, making the objects on the way. */
function setDotted(config: Record<string, unknown>, key: string, value: unknown, flag: string): void {
  const parts = key.split('.');
  if (parts.some((p) => p === ''))
    throw new ExperimentError('flags', [`--trainer ${flag}: expected KEY or KEY.SUBKEY=VALUE, got '${key}'`]);
  let at = config;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (next === undefined) at[part] = {};
    else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      throw new ExperimentError('flags', [
        `--trainer ${flag}: '${key}' sets a key inside '${part}', which is already set to ${JSON.stringify(next)}`,
      ]);
    }
    at = at[part] as Record<string, unknown>;
  }
  at[parts.at(-1) as string] = value;
}

/** `sgd`, `sgd:learningRate=0.1,momentum=0.9`, `sgd@fast:learningRate=0.5` (label after @), `sgd:optimizer.learningRate=0.5` (dotted keys set nested config). */
export function parseTrainerFlag(flag: string): { id: string; label?: string; config?: Record<string, unknown> } {
  const [head = '', rest] = flag.split(/:(.*)/s, 2);
  const [id = '', label] = head.split('@', 2);
  const config: Record<string, unknown> = {};
  if (rest !== undefined && rest !== '') {
    for (const pair of rest.split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new ExperimentError('flags', [`--trainer ${flag}: expected key=value pairs after ':', got '${pair}'`]);
      setDotted(config, pair.slice(0, eq).trim(), scalar(pair.slice(eq + 1).trim()), flag);
    }
  }
  return { id, ...(label !== undefined ? { label } : {}), ...(rest !== undefined ? { config } : {}) };
}

/** `flops=2e7` (any cost currency). */
export function parseBudgetFlag(flag: string): Record<string, number> {
  const [key = '', value = ''] = flag.split('=', 2);
  if (!(costCurrencies as readonly string[]).includes(key) || !Number.isFinite(Number(value))) {
    throw new ExperimentError('flags', [`--budget ${flag}: expected CURRENCY=NUMBER with CURRENCY one of ${costCurrencies.join(', ')}`]);
  }
  return { [key]: Number(value) };
}

/** `accuracy=0.95` or `mse=0.01:min`. */
export function parseTargetFlag(flag: string): { metric: string; value: number; direction?: 'max' | 'min' } {
  const m = /^([\w.-]+)=([^:]+)(?::(max|min))?$/.exec(flag);
  if (m === null || !Number.isFinite(Number(m[2])))
    throw new ExperimentError('flags', [`--target ${flag}: expected METRIC=VALUE[:max|min], e.g. accuracy=0.95`]);
  return { metric: m[1] as string, value: Number(m[2]), ...(m[3] !== undefined ? { direction: m[3] as 'max' | 'min' } : {}) };
}

/** Apply flag overrides to a raw definition. */
export function applyFlags(base: unknown, flags: FlagOverrides): unknown {
  const def: Record<string, unknown> = typeof base === 'object' && base !== null ? { ...(base as Record<string, unknown>) } : {};
  if (flags.name !== undefined) def.name = flags.name;
  // A suite changed by flags is no longer that suite: name it 'custom' unless --name says otherwise.
  if (flags.name === undefined && (flags.tasks !== undefined || (flags.trainers?.length ?? 0) > 0)) {
    def.name = 'custom';
    delete def.description;
  }
  if (flags.tasks !== undefined) {
    // A task the definition already has keeps its entry (its budget, target and options).
    const known = Array.isArray(def.tasks) ? (def.tasks as unknown[]) : [];
    const entryFor = (id: string): unknown =>
      known.find(
        (t) => t === id || (typeof t === 'object' && t !== null && ((t as { label?: unknown }).label ?? (t as { id?: unknown }).id) === id),
      ) ?? id;
    def.tasks = flags.tasks
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(entryFor);
  }
  if (flags.trainers !== undefined && flags.trainers.length > 0) {
    // A bare id the definition already has keeps its entry (its config); `id:k=v` or `id@label` is new.
    const known = Array.isArray(def.trainers) ? (def.trainers as unknown[]) : [];
    def.trainers = flags.trainers.map((f) => {
      const same = /^[\w.-]+$/.test(f)
        ? known.find(
            (t) =>
              t === f || (typeof t === 'object' && t !== null && ((t as { label?: unknown }).label ?? (t as { id?: unknown }).id) === f),
          )
        : undefined;
      return same ?? parseTrainerFlag(f);
    });
  }
  if (flags.seeds !== undefined) def.seeds = flags.seeds.includes(',') ? flags.seeds.split(',').map(Number) : Number(flags.seeds);
  const budget = typeof def.budget === 'object' && def.budget !== null ? { ...(def.budget as Record<string, unknown>) } : {};
  if (flags.budget !== undefined) {
    for (const k of costCurrencies) delete budget[k];
    Object.assign(budget, parseBudgetFlag(flags.budget));
  }
  if (flags.target !== undefined) budget.target = parseTargetFlag(flags.target);
  if (flags.budget !== undefined || flags.target !== undefined) {
    def.budget = budget;
    // A budget given on the command line is the one budget of every task.
    if (Array.isArray(def.tasks)) {
      def.tasks = (def.tasks as unknown[]).map((t) => {
        if (typeof t !== 'object' || t === null) return t;
        const { budget: _own, ...rest } = t as Record<string, unknown>;
        return rest;
      });
    }
  }
  return def;
}
