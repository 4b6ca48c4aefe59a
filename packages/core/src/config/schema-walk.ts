import type { z } from 'zod';

/** The parts of a zod schema's definition the walk reads (zod 4's `_zod.def`). */
type Def = Readonly<{
  type: string;
  innerType?: z.ZodType;
  shape?: Readonly<Record<string, z.ZodType>>;
  options?: readonly z.ZodType[];
  discriminator?: string;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  values?: readonly unknown[];
  entries?: Readonly<Record<string, unknown>>;
  defaultValue?: unknown;
  checks?: readonly Readonly<{ _zod: { def: Readonly<{ check: string; value?: unknown; inclusive?: boolean }> } }>[];
}>;

/** The definition of a zod schema. */
export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema under optional / nullable / default / readonly / pipe / lazy wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 32; i++) {
    const d = defOf(s);
    if (wrappers.has(d.type) && d.innerType !== undefined) s = d.innerType;
    else if (d.type === 'pipe' && d.in !== undefined) s = defOf(d.in).type === 'transform' && d.out !== undefined ? d.out : d.in;
    else if (d.type === 'lazy' && d.getter !== undefined) s = d.getter();
    else return s;
  }
  return s;
}

/** The literal values of a discriminator field (a `z.literal` or `z.enum`), for picking a union branch. */
function literalValues(schema: z.ZodType | undefined): readonly unknown[] {
  if (schema === undefined) return [];
  const d = defOf(unwrap(schema));
  return d.values ?? (d.entries !== undefined ? Object.values(d.entries) : []);
}

/** The object branch of a union that `value` was meant for: the one its discriminator names, else the one sharing most keys. */
function branchFor(options: readonly z.ZodType[], discriminator: string | undefined, value: unknown): z.ZodType | undefined {
  const objects = options.map(unwrap).filter((o) => defOf(o).shape !== undefined);
  const given = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (discriminator !== undefined) {
    const match = objects.find((o) => literalValues(defOf(o).shape?.[discriminator]).includes(given[discriminator]));
    if (match !== undefined) return match;
  }
  let best: z.ZodType | undefined;
  let bestScore = -1;
  for (const o of objects) {
    const keys = Object.keys(defOf(o).shape ?? {});
    const score = Object.keys(given).filter((k) => keys.includes(k)).length;
    if (score > bestScore) [best, bestScore] = [o, score];
  }
  return best;
}

/** One step down a schema: the schema of `key` inside `schema`, given the value there (to pick union branches). */
function child(schema: z.ZodType, key: PropertyKey, value: unknown): z.ZodType | undefined {
  const s = resolve(schema, value);
  if (s === undefined) return undefined;
  const d = defOf(s);
  if (d.shape !== undefined) return typeof key === 'string' ? d.shape[key] : undefined;
  if (d.type === 'array' || d.type === 'tuple') return d.element;
  if (d.type === 'record') return d.valueType;
  return undefined;
}

/** A schema with its wrappers removed and, for a union, the branch `value` was meant for. */
export function resolve(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === 'union' && d.options !== undefined) {
    const branch = branchFor(d.options, d.discriminator, value);
    return branch === undefined ? s : unwrap(branch);
  }
  return s;
}

/** The value at a path inside a plain object / array tree (undefined where the path leaves it). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** The schema at a path, walking objects, arrays, records and (by the given value) unions. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[], value: unknown): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (let i = 0; i < path.length && s !== undefined; i++) s = child(s, path[i] as PropertyKey, valueAt(value, path.slice(0, i)));
  return s;
}

/** The keys an object schema at `path` accepts ([] where there is no object schema). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[], value: unknown): string[] {
  const s = schemaAt(schema, path, value);
  const r = s === undefined ? undefined : resolve(s, valueAt(value, path));
  return Object.keys((r === undefined ? undefined : defOf(r).shape) ?? {});
}
