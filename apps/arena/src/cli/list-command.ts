import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { suites } from '../experiment/suites.js';
import { parse, UsageError } from './args.js';
import type { Io } from './io.js';

export type OptionDoc = Readonly<{ name: string; type: string; default?: unknown; description?: string }>;

/** Config options from a zod object schema, via its JSON Schema. */
export function optionDocs(schema: z.ZodType | undefined): OptionDoc[] {
  if (schema === undefined) return [];
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return [];
  }
  const props = (json.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(props).map(([name, p]) => ({
    name,
    type: typeOf(p),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  }));
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
    trainers: [...catalog.trainers.values()].map((t) => ({ id: t.id, description: t.description, options: optionDocs(t.configSchema) })),
    notes: catalog.notes,
  };
}

const fmtOption = (o: OptionDoc): string =>
  `      ${o.name}: ${o.type}${o.default !== undefined ? ` = ${JSON.stringify(o.default)}` : ''}${o.description !== undefined ? `  — ${o.description}` : ''}`;

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
