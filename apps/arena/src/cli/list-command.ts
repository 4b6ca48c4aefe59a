import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { suites } from '../experiment/suites.js';
import { parse, UsageError } from './args.js';
import type { Io } from './io.js';

/**
 * One documented option: its dotted name (`strategyConfig.sigma`), type, default, allowed range,
 * unit (`samples`, `generations`, `gradient steps`: from the schema's `.meta({ unit })`) and description.
 */
export type OptionDoc = Readonly<{ name: string; type: string; default?: unknown; range?: string; unit?: string; description?: string }>;

type JsonSchema = Record<string, unknown>;

/** `[0, 1]`, `(0, ∞)`, `≥ 2` from JSON Schema bounds (integers say so). */
function rangeOf(p: JsonSchema): string | undefined {
  const lo = typeof p.minimum === 'number' ? p.minimum : typeof p.exclusiveMinimum === 'number' ? p.exclusiveMinimum : undefined;
  const hi = typeof p.maximum === 'number' ? p.maximum : typeof p.exclusiveMaximum === 'number' ? p.exclusiveMaximum : undefined;
  const safe = (v: number | undefined): boolean => v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (!safe(lo) && !safe(hi)) return undefined;
  const open = typeof p.exclusiveMinimum === 'number' ? '(' : '[';
  const close = typeof p.exclusiveMaximum === 'number' ? ')' : ']';
  return `${safe(lo) ? open : '('}${safe(lo) ? lo : '−∞'}, ${safe(hi) ? hi : '∞'}${safe(hi) ? close : ')'}`;
}

const isNumber = (p: JsonSchema): boolean => p.type === 'number' || p.type === 'integer';

/**
 * The range and unit of a number option, read from the number itself, from the elements of a list
 * of numbers (`hidden: integer[]`), or from the number among a union's alternatives (`integer | null`,
 * `number | { min, max }`). A number without bounds says `(−∞, ∞)`, so every number states its range.
 */
function numberFacts(p: JsonSchema): { range?: string; unit?: string } {
  const alternatives = ((p.anyOf ?? p.oneOf) as JsonSchema[] | undefined) ?? [];
  const items = p.type === 'array' && typeof p.items === 'object' && p.items !== null ? [p.items as JsonSchema] : [];
  const numbers = [p, ...items, ...alternatives].filter(isNumber);
  const range = [p, ...numbers].map(rangeOf).find((r) => r !== undefined) ?? (numbers.length > 0 ? '(−∞, ∞)' : undefined);
  const units = new Set([p, ...numbers].map((n) => n.unit).filter((u): u is string => typeof u === 'string'));
  return { ...(range !== undefined ? { range } : {}), ...(units.size >= 1 ? { unit: [...units][0] as string } : {}) };
}

/** A nested object whose keys are worth listing one by one (not a tagged union member, not a free-form record). */
const isPlainObject = (p: JsonSchema): boolean =>
  p.type === 'object' &&
  typeof p.properties === 'object' &&
  p.properties !== null &&
  !Object.values(p.properties as Record<string, JsonSchema>).some((v) => v.const !== undefined);

/** `trainerDefaults`: the inherited default is the trainer's own choice (memetic's GA) and wins over the schema's. */
function docsOf(
  json: JsonSchema,
  prefix: string,
  nested: Readonly<Record<string, z.ZodType>>,
  inherited?: unknown,
  trainerDefaults = false,
): OptionDoc[] {
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  // A nested object's default ({ name: 'adam', lr: 0.01 }) is the default of each of its keys.
  const parentDefault = typeof inherited === 'object' && inherited !== null ? (inherited as Record<string, unknown>) : {};
  return Object.entries(props).flatMap(([key, p]): OptionDoc[] => {
    const name = `${prefix}${key}`;
    const inner = nested[name];
    if (inner !== undefined) {
      // Its own default (NEAT's preset) is the default of each of its keys.
      const json = toJson(inner);
      const docs = docsOf(json, `${name}.`, nested, json.default, true);
      if (docs.length > 0) return docs;
    }
    const fallback = trainerDefaults ? (parentDefault[key] ?? p.default) : (p.default ?? parentDefault[key]);
    if (isPlainObject(p)) return docsOf(p, `${name}.`, nested, fallback, trainerDefaults);
    const variants = taggedVariants(p);
    if (variants !== undefined) return variantDocs(name, variants, nested, fallback, trainerDefaults);
    // `number | { min, max }`, `{ ... } | null`: the plain alternatives on one line, the object's keys below it.
    const alternatives = (p.anyOf ?? p.oneOf) as JsonSchema[] | undefined;
    const objects = Array.isArray(alternatives) ? alternatives.filter(isPlainObject) : [];
    if (objects.length === 1 && alternatives !== undefined) {
      const others = alternatives.filter((a) => !isPlainObject(a));
      const head: OptionDoc[] =
        others.length === 0
          ? []
          : [
              {
                name,
                type: `${others.map(typeOf).join(' | ')} | { … }`,
                ...(fallback !== undefined ? { default: fallback } : {}),
                ...numberFacts({ anyOf: others }),
              },
            ];
      return [...head, ...docsOf(objects[0] as JsonSchema, `${name}.`, nested, fallback, trainerDefaults)];
    }
    return [
      {
        name,
        type: typeOf(p),
        ...(fallback !== undefined ? { default: fallback } : {}),
        ...numberFacts(p),
        ...(typeof p.description === 'string' ? { description: p.description } : {}),
      },
    ];
  });
}

/** The members of a tagged union (`{ name: 'adam', ... } | { name: 'sgd', ... }`) and their tag key, if `p` is one. */
function taggedVariants(p: JsonSchema): { tag: string; members: JsonSchema[] } | undefined {
  const members = (p.anyOf ?? p.oneOf) as JsonSchema[] | undefined;
  if (!Array.isArray(members) || members.length === 0) return undefined;
  const propsOf = (m: JsonSchema) => (m.properties ?? {}) as Record<string, JsonSchema>;
  const tag = Object.entries(propsOf(members[0] as JsonSchema)).find(([, v]) => v.const !== undefined)?.[0];
  if (tag === undefined || !members.every((m) => propsOf(m)[tag]?.const !== undefined)) return undefined;
  return { tag, members };
}

/**
 * A tagged union as one line for the tag (`optimizer.name: "sgd" | "adam"`) and one per other
 * key, saying which variants take it (`optimizer.momentum: number  — for name momentum, nesterov`).
 */
function variantDocs(
  name: string,
  { tag, members }: { tag: string; members: JsonSchema[] },
  nested: Readonly<Record<string, z.ZodType>>,
  fallback: unknown,
  trainerDefaults: boolean,
): OptionDoc[] {
  const tags = members.map((m) => ((m.properties as Record<string, JsonSchema>)[tag] as JsonSchema).const);
  const chosen = typeof fallback === 'object' && fallback !== null ? (fallback as Record<string, unknown>)[tag] : undefined;
  const out: OptionDoc[] = [
    { name: `${name}.${tag}`, type: tags.map((t) => JSON.stringify(t)).join(' | '), ...(chosen !== undefined ? { default: chosen } : {}) },
  ];
  const byKey = new Map<string, { docs: OptionDoc[]; tags: unknown[] }>();
  members.forEach((m, i) => {
    const { [tag]: _tag, ...rest } = m.properties as Record<string, JsonSchema>;
    const own = chosen === tags[i] ? fallback : undefined;
    for (const doc of docsOf({ properties: rest }, `${name}.`, nested, own, trainerDefaults)) {
      const seen = byKey.get(doc.name) ?? { docs: [], tags: [] };
      seen.docs.push(doc);
      seen.tags.push(tags[i]);
      byKey.set(doc.name, seen);
    }
  });
  for (const [key, { docs, tags: owners }] of byKey) {
    const first = docs[0] as OptionDoc;
    const types = [...new Set(docs.map((d) => d.type))].join(' | ');
    // The default variant's default first (adam's learning rate, not sgd's).
    const withDefault = docs.find((d, i) => owners[i] === chosen && d.default !== undefined) ?? docs.find((d) => d.default !== undefined);
    const forWhich = owners.length === members.length ? undefined : `for ${tag} ${owners.map(String).join(', ')}`;
    const description = [first.description, forWhich].filter((x) => x !== undefined).join('; ');
    out.push({
      name: key,
      type: types,
      ...(withDefault !== undefined ? { default: withDefault.default } : {}),
      ...(first.range !== undefined ? { range: first.range } : {}),
      ...(first.unit !== undefined ? { unit: first.unit } : {}),
      ...(description !== '' ? { description } : {}),
    });
  }
  return out;
}

const toJson = (schema: z.ZodType): JsonSchema => {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
};

/**
 * Config options from a zod object schema, via its JSON Schema: nested objects are listed key by
 * key (`model.hidden`), and a free-form key with a schema in `nested` (an evolution trainer's
 * `strategyConfig`, whose keys depend on the strategy) by that schema's keys.
 */
export function optionDocs(schema: z.ZodType | undefined, nested: Readonly<Record<string, z.ZodType>> = {}): OptionDoc[] {
  return schema === undefined ? [] : docsOf(toJson(schema), '', nested);
}

function typeOf(p: Record<string, unknown>): string {
  // A discriminated union member reads better as its tag: { name: "adam" }.
  const props = p.properties as Record<string, Record<string, unknown>> | undefined;
  const tag = props === undefined ? undefined : Object.entries(props).find(([, v]) => v.const !== undefined);
  if (tag !== undefined) return `{ ${tag[0]}: ${JSON.stringify(tag[1].const)}, … }`;
  if (Array.isArray(p.enum)) return p.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (typeof p.type === 'string')
    return p.type === 'array' && typeof p.items === 'object' && p.items !== null
      ? `${typeOf(p.items as Record<string, unknown>)}[]`
      : p.type;
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(p[k])) return (p[k] as Record<string, unknown>[]).map(typeOf).join(' | ');
  if (p.const !== undefined) return JSON.stringify(p.const);
  return 'any';
}

export function listing(catalog: Catalog) {
  return {
    suites: Object.entries(suites).map(([name, s]) => ({ name, description: s.description ?? '' })),
    tasks: [...catalog.tasks.values()].map((t) => ({ id: t.id, description: t.description, options: optionDocs(t.optionsSchema) })),
    trainers: [...catalog.trainers.values()].map((t) => ({
      id: t.id,
      description: t.description,
      options: optionDocs(t.configSchema, t.nestedSchemas),
    })),
    notes: catalog.notes,
  };
}

const fmtOption = (o: OptionDoc): string =>
  `      ${o.name}: ${o.type}${o.default !== undefined ? ` = ${JSON.stringify(o.default)}` : ''}${o.range !== undefined ? `  in ${o.range}` : ''}${o.unit !== undefined ? `  [${o.unit}]` : ''}${o.description !== undefined ? `  — ${o.description}` : ''}`;

export async function listCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    plugin: { type: 'string', multiple: true },
    'no-builtins': { type: 'boolean' },
    brief: { type: 'boolean' },
  });
  if (positionals.length > 1 || (positionals[0] !== undefined && !['tasks', 'trainers', 'suites'].includes(positionals[0]))) {
    throw new UsageError(`list: expected nothing or one of tasks, trainers, suites, got ${positionals.join(' ')}`);
  }
  const l = listing(await loadCatalog(values.plugin ?? [], values['no-builtins'] !== true));
  const only = positionals[0];
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify(only === undefined ? l : l[only as 'tasks'], null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  const section = (title: string, items: readonly { id: string; description: string; options: readonly OptionDoc[] }[]) => {
    lines.push(`${title}:`);
    const w = Math.max(0, ...items.map((i) => i.id.length));
    for (const i of items) {
      lines.push(`  ${i.id.padEnd(w)}  ${i.description}`);
      if (values.brief !== true) lines.push(...i.options.map(fmtOption));
    }
    if (items.length === 0) lines.push('  (none registered)');
    lines.push('');
  };
  if (only === undefined || only === 'suites')
    section(
      'Suites',
      l.suites.map((s) => ({ id: s.name, description: s.description, options: [] })),
    );
  if (only === undefined || only === 'tasks') section('Tasks', l.tasks);
  if (only === undefined || only === 'trainers') section('Trainers', l.trainers);
  if (l.notes.length > 0 && only !== 'suites') lines.push(...l.notes.map((n) => `note: ${n}`), '');
  io.stdout.write(lines.join('\n'));
  return 0;
}
