import type { Trainer } from '@evoprop/core';
import { type SearchSpaceInput, checkSearchSpace, parseConfig } from '@evoprop/core/config';
import type { z } from 'zod';
import type { Catalog, TaskEntry, TrainerEntry } from '../catalog/catalog.js';
import { importModule } from './import-module.js';
import { PluginError } from './plugin-error.js';
import { resolvePlugin } from './resolve-plugin.js';

/*
 * The plugin module shape (docs/plugins.md): a module whose exports include
 *   trainers: TrainerDefinition[]  ({ id, description, configSchema, create(config) })
 *   tasks:    TaskDefinition[]     ({ id, kind, description, optionsSchema, create(seed, options) })
 * — the same definitions `defineTrainer` / `defineTask` of @evoprop/core produce — and/or
 * the arena's older form, `createCatalog(): Catalog`. Anything else fails loudly here, at
 * load time, rather than as a TypeError in the middle of an experiment.
 */

const taskKinds = ['supervised', 'control', 'objective'] as const;

/** What a value is, for messages: `a number (3)`, `an object with keys a, b`, `undefined`. */
export function describeValue(v: unknown): string {
  if (v === undefined || v === null) return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return `an object with keys ${Object.keys(v).join(', ') || '(none)'}`;
  return `${typeof v === 'string' ? 'a string' : `a ${typeof v}`} (${JSON.stringify(v)})`;
}

const isSchema = (v: unknown): v is z.ZodType =>
  typeof v === 'object' && v !== null && typeof (v as { safeParse?: unknown }).safeParse === 'function';

type Field = Readonly<{ key: string; expected: string; ok: (v: unknown) => boolean }>;
const nonEmptyString: Field['ok'] = (v) => typeof v === 'string' && v.trim() !== '';
const trainerFields: readonly Field[] = [
  { key: 'id', expected: 'a non-empty string', ok: nonEmptyString },
  { key: 'description', expected: 'a non-empty string', ok: nonEmptyString },
  { key: 'configSchema', expected: 'a zod schema (z.strictObject({...}))', ok: isSchema },
  { key: 'create', expected: 'a function create(config) returning a Trainer', ok: (v) => typeof v === 'function' },
];
const taskFields: readonly Field[] = [
  { key: 'id', expected: 'a non-empty string', ok: nonEmptyString },
  { key: 'kind', expected: `one of ${taskKinds.join(', ')}`, ok: (v) => (taskKinds as readonly unknown[]).includes(v) },
  { key: 'description', expected: 'a non-empty string', ok: nonEmptyString },
  { key: 'optionsSchema', expected: 'a zod schema (z.strictObject({...}))', ok: isSchema },
  { key: 'create', expected: 'a function create(seed, options) returning a Task', ok: (v) => typeof v === 'function' },
];

/** Check an exported array of definitions; returns them as records whose fields passed `fields`. */
function checkDefinitions(
  plugin: string,
  exportName: string,
  value: unknown,
  fields: readonly Field[],
): Readonly<Record<string, unknown>>[] {
  if (!Array.isArray(value))
    throw new PluginError(plugin, `export '${exportName}'`, `an array of ${exportName.slice(0, -1)} definitions`, describeValue(value));
  const seen = new Set<string>();
  return value.map((d: unknown, i) => {
    if (typeof d !== 'object' || d === null) throw new PluginError(plugin, `${exportName}[${i}]`, 'a definition object', describeValue(d));
    const def = d as Readonly<Record<string, unknown>>;
    const label = nonEmptyString(def.id) ? `${exportName}[${i}] ('${def.id}')` : `${exportName}[${i}]`;
    for (const f of fields)
      if (!f.ok(def[f.key])) throw new PluginError(plugin, `${label}.${f.key}`, f.expected, describeValue(def[f.key]));
    const id = def.id as string;
    if (seen.has(id)) throw new PluginError(plugin, `${label}.id`, `ids unique within '${exportName}'`, `'${id}' twice`);
    seen.add(id);
    return def;
  });
}

const trainerEntry = (plugin: string, d: Readonly<Record<string, unknown>>): TrainerEntry => {
  const id = d.id as string;
  const schema = d.configSchema as z.ZodType;
  const create = d.create as (config: unknown) => unknown;
  return {
    id,
    description: d.description as string,
    configSchema: schema,
    ...(d.searchSpace !== undefined
      ? { searchSpace: checkSearchSpace(d.searchSpace as SearchSpaceInput, schema, `${plugin}: trainer '${id}'`) }
      : {}),
    // Definitions expect a parsed config (defaults filled in), as `createTrainer` of @evoprop/core gives them.
    create(config) {
      const trainer = create(parseConfig(schema, config, `trainer '${id}' config`)) as Trainer;
      if (typeof (trainer as { fit?: unknown } | null)?.fit !== 'function') {
        throw new PluginError(plugin, `trainer '${id}' create()`, 'a Trainer (an object with fit(request))', describeValue(trainer));
      }
      return trainer;
    },
  };
};

const taskEntry = (d: Readonly<Record<string, unknown>>): TaskEntry => {
  const id = d.id as string;
  const schema = d.optionsSchema as z.ZodType;
  const create = d.create as TaskEntry['create'];
  return {
    id,
    description: d.description as string,
    optionsSchema: schema,
    create: (seed, options) => create(seed, parseConfig(schema, options, `task '${id}' options`) as Readonly<Record<string, unknown>>),
  };
};

/** A catalog from a plugin's exports (already imported). Throws {@link PluginError} on a bad shape. */
export async function pluginCatalog(plugin: string, moduleExports: Readonly<Record<string, unknown>>): Promise<Catalog> {
  // A CommonJS plugin (`module.exports = { trainers }`) arrives as the default export.
  const fallback = moduleExports.default;
  const cjs =
    moduleExports.trainers === undefined &&
    moduleExports.tasks === undefined &&
    moduleExports.createCatalog === undefined &&
    typeof fallback === 'object' &&
    fallback !== null &&
    ('trainers' in fallback || 'tasks' in fallback);
  const exports = cjs ? (fallback as Readonly<Record<string, unknown>>) : moduleExports;
  const hasDefinitions = exports.trainers !== undefined || exports.tasks !== undefined;
  if (!hasDefinitions && typeof exports.createCatalog === 'function') {
    const catalog = (await (exports.createCatalog as () => unknown)()) as Partial<Catalog> | null;
    if (!(catalog?.trainers instanceof Map) || !(catalog.tasks instanceof Map)) {
      throw new PluginError(
        plugin,
        'createCatalog()',
        'a Catalog ({ trainers: Map, tasks: Map, notes }; see catalogOf)',
        describeValue(catalog),
      );
    }
    return { trainers: catalog.trainers, tasks: catalog.tasks, notes: catalog.notes ?? [] };
  }
  if (!hasDefinitions) {
    const names = Object.keys(exports);
    throw new PluginError(
      plugin,
      'exports',
      "'trainers' and/or 'tasks' (arrays of definitions), or createCatalog()",
      names.length === 0 ? 'no exports' : `exports ${names.join(', ')}`,
    );
  }
  const trainers = exports.trainers === undefined ? [] : checkDefinitions(plugin, 'trainers', exports.trainers, trainerFields);
  const tasks = exports.tasks === undefined ? [] : checkDefinitions(plugin, 'tasks', exports.tasks, taskFields);
  return {
    trainers: new Map(trainers.map((d) => [d.id as string, trainerEntry(plugin, d)])),
    tasks: new Map(tasks.map((d) => [d.id as string, taskEntry(d)])),
    notes: [],
  };
}

/** Import a plugin by path (relative to `cwd`) or package name and validate its exports. */
export async function loadPlugin(plugin: string, cwd: string = process.cwd()): Promise<Catalog> {
  const url = resolvePlugin(plugin, cwd);
  let exports: Readonly<Record<string, unknown>>;
  try {
    exports = (await importModule(url)) as Readonly<Record<string, unknown>>;
  } catch (e) {
    throw new PluginError(plugin, `import of ${url}`, 'a module that loads', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
  return pluginCatalog(plugin, exports);
}

/** A catalog and where it came from ('built-in', "plugin './x.ts'"), for clash messages. */
export type SourcedCatalog = Readonly<{ source: string; catalog: Catalog }>;

/**
 * Merge catalogs, failing on any id registered twice: a plugin cannot silently replace a
 * built-in trainer (a report would then carry the built-in's name for someone else's numbers).
 */
export function mergeStrict(parts: readonly SourcedCatalog[]): Catalog {
  const owners = new Map<string, string>();
  const claim = (source: string, what: 'trainer' | 'task', id: string): void => {
    const first = owners.get(`${what}:${id}`);
    if (first !== undefined) {
      const plugin = source.replace(/^plugin '(.*)'$/, '$1');
      throw new PluginError(
        plugin,
        `${what} id '${id}'`,
        'an id not registered already (rename it in the plugin)',
        `a clash with the ${first} ${what} '${id}'`,
      );
    }
    owners.set(`${what}:${id}`, source);
  };
  for (const { source, catalog } of parts) {
    for (const id of catalog.trainers.keys()) claim(source, 'trainer', id);
    for (const id of catalog.tasks.keys()) claim(source, 'task', id);
  }
  const trainers = new Map(parts.flatMap((p) => [...p.catalog.trainers]));
  const tasks = new Map(parts.flatMap((p) => [...p.catalog.tasks]));
  return { trainers, tasks, notes: parts.flatMap((p) => p.catalog.notes) };
}

/** Load plugins in order and merge them after `base` (the built-ins), failing on clashes. */
export async function loadPlugins(
  base: readonly SourcedCatalog[],
  plugins: readonly string[],
  cwd: string = process.cwd(),
): Promise<Catalog> {
  const parts = [...base];
  for (const plugin of plugins) parts.push({ source: `plugin '${plugin}'`, catalog: await loadPlugin(plugin, cwd) });
  return mergeStrict(parts);
}
