import type { z } from 'zod';
import { formatPath } from './problems.js';
import { defOf, resolve } from './schema-walk.js';

/** Old key → new key, for one object schema; a dotted key (`head.replace`) is a path into its nested objects. */
export type KeyAliases = Readonly<Record<string, string>>;

/** One use of a deprecated key in a parsed config. */
export type DeprecatedKeyUse = Readonly<{
  /** Keys and indices from the config's root to the old key (the old key last). */
  path: readonly PropertyKey[];
  /** The old, deprecated name (dotted when it is a nested key). */
  from: string;
  /** The name it stands for now. */
  to: string;
}>;

// Metadata on schema objects (as zod's own `.meta()` registry): which of their keys have an old name.
const aliasesOf = new WeakMap<z.ZodType, KeyAliases>();

/**
 * Declare deprecated names of an object schema's keys: `parseConfig` renames `from` to `to`
 * (when `to` is not given as well), parses, and emits one deprecation warning per use site.
 * Either side may be a dotted path into a nested object of this schema (`{ replaceHead: 'head.replace' }`,
 * `{ 'fitness.batchSize': 'fitnessBatchSize' }`): the value moves, the objects on the way are created.
 * The schema itself keeps only the new names, so documentation and "did you mean" show them.
 * Returns `schema`.
 *
 * @example
 * export const optimizerSpecSchema = deprecatedKeys(z.strictObject({ learningRate: z.number() }), { lr: 'learningRate' });
 */
export function deprecatedKeys<S extends z.ZodType>(schema: S, aliases: KeyAliases): S {
  aliasesOf.set(schema, { ...aliasesOf.get(schema), ...aliases });
  return schema;
}

/** The deprecated names of `schema`'s own keys (none: `undefined`). */
export const keyAliasesOf = (schema: z.ZodType): KeyAliases | undefined => aliasesOf.get(schema);

/** What {@link renameDeprecatedKeys} returns. */
export type RenamedConfig = Readonly<{
  /** The config with the new names (the input itself when nothing was renamed). */
  value: unknown;
  /** Every rename done, in walk order. */
  uses: readonly DeprecatedKeyUse[];
}>;

/**
 * `input` with every deprecated key renamed to its new name, walking the schema (objects,
 * arrays, records, union branches, wrappers) beside the value. The input is not mutated: the
 * objects on a renamed path are copied. Returns the new value and every rename done.
 */
export function renameDeprecatedKeys(schema: z.ZodType, input: unknown): RenamedConfig {
  const uses: DeprecatedKeyUse[] = [];
  const walk = (s: z.ZodType, value: unknown, path: readonly PropertyKey[], depth: number): unknown => {
    if (value === null || typeof value !== 'object' || depth > 64 || ArrayBuffer.isView(value)) return value;
    // A plugin's schema may be another zod copy or a duck-typed `{ safeParse }`: nothing to walk, nothing deprecated.
    if ((s as unknown as { _zod?: { def?: unknown } })._zod?.def === undefined) return value;
    const r = resolve(s, value);
    if (r === undefined) return value;
    const d = defOf(r);
    if (Array.isArray(value)) {
      if (d.type !== 'array' || d.element === undefined) return value;
      const element = d.element;
      let out: unknown[] | null = null;
      value.forEach((v, i) => {
        const next = walk(element, v, [...path, i], depth + 1);
        if (next !== v) (out ??= [...value])[i] = next;
      });
      return out ?? value;
    }
    const shape = d.shape;
    if (shape === undefined && (d.type !== 'record' || d.valueType === undefined)) return value;
    let out: Record<string, unknown> | null = null;
    const current = () => out ?? (value as Record<string, unknown>);
    const aliases = aliasesOf.get(r);
    for (const [from, to] of Object.entries(aliases ?? {})) {
      const v = current();
      const old = readPath(v, from);
      // Both given: the old key stays, and fails as unknown.
      if (old === absent || readPath(v, to) !== absent) continue;
      const without = writePath(v, from, absent);
      const moved = without === undefined ? undefined : writePath(without, to, old);
      if (moved === undefined) continue; // a value on the way is not an object: leave it for the parser to name
      out = moved;
      uses.push({ path: [...path, ...from.split('.')], from, to });
    }
    for (const [key, v] of Object.entries(current())) {
      const childSchema = shape !== undefined ? shape[key] : d.valueType;
      if (childSchema === undefined) continue;
      const next = walk(childSchema, v, [...path, key], depth + 1);
      if (next !== v) (out ??= { ...current() })[key] = next;
    }
    return out ?? value;
  };
  return { value: walk(schema, input, [], 0), uses };
}

const absent: unique symbol = Symbol('absent');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);

/** The value at a dotted key path (`head.replace`) of an object, or `absent`. */
function readPath(value: Record<string, unknown>, dotted: string): unknown {
  let at: unknown = value;
  for (const key of dotted.split('.')) {
    if (!isRecord(at) || !Object.hasOwn(at, key)) return absent;
    at = at[key];
  }
  return at;
}

/**
 * A copy of `value` with `dotted` set to `v` (`absent`: deleted, with objects it leaves empty), copying
 * only the objects on the path and creating missing ones; `undefined` when a value on the path is not an object.
 */
function writePath(value: Record<string, unknown>, dotted: string, v: unknown): Record<string, unknown> | undefined {
  const [key, ...rest] = dotted.split('.') as [string, ...string[]];
  const out = { ...value };
  if (rest.length === 0) {
    if (v === absent) delete out[key];
    else out[key] = v;
    return out;
  }
  const inner = Object.hasOwn(value, key) ? value[key] : {};
  if (!isRecord(inner)) return v === absent ? out : undefined;
  const next = writePath(inner, rest.join('.'), v);
  if (next === undefined) return undefined;
  // Moving the only key out of an object leaves no empty object behind (absent and {} would differ in a config's record).
  if (v === absent && Object.keys(next).length === 0) delete out[key];
  else out[key] = next;
  return out;
}

const warned = new Set<string>();

/**
 * The default report of a deprecated key: one `DeprecationWarning` per message and process
 * (Node's `process.emitWarning`, so `--no-deprecation` silences it and `--throw-deprecation`
 * makes it fatal; `console.warn` where there is no `process`, as in a browser).
 */
export function warnDeprecatedKey(where: string, use: DeprecatedKeyUse): void {
  const parent = use.path.slice(0, use.path.length - use.from.split('.').length);
  const at = parent.length === 0 ? where : `${where}${typeof parent[0] === 'number' ? '' : '.'}${formatPath(parent)}`;
  const message = `${at}: '${use.from}' is deprecated, write '${use.to}' (the old name still works for now)`;
  if (warned.has(message)) return;
  warned.add(message);
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: Readonly<{ type: string; code: string }>) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(message, { type: 'DeprecationWarning', code: 'EVOPROP_DEPRECATED_KEY' });
  else console.warn(`DeprecationWarning: ${message}`);
}
