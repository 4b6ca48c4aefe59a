import type { z } from 'zod';
import { defOf, unwrap } from './schema-walk.js';

/** The bounds a zod number schema's checks set. */
function bounds(schema: z.ZodType): { lo?: number; loIn: boolean; hi?: number; hiIn: boolean; int: boolean } {
  const b: { lo?: number; loIn: boolean; hi?: number; hiIn: boolean; int: boolean } = { loIn: true, hiIn: true, int: false };
  for (const c of defOf(schema).checks ?? []) {
    const d = c._zod.def as Readonly<{ check: string; value?: unknown; inclusive?: boolean; format?: string }>;
    if (d.check === 'number_format') b.int = d.format !== undefined && /int/.test(d.format);
    if (d.check === 'greater_than' && typeof d.value === 'number') [b.lo, b.loIn] = [d.value, d.inclusive === true];
    if (d.check === 'less_than' && typeof d.value === 'number') [b.hi, b.hiIn] = [d.value, d.inclusive === true];
  }
  return b;
}

/** A valid number for a number schema: the lower bound (or just above it), 1 for "positive", the middle of an open range. */
function exampleNumber(schema: z.ZodType): number {
  const { lo, loIn, hi, hiIn, int } = bounds(schema);
  const step = int ? 1 : lo === 0 && hi === undefined ? 1 : 0.5;
  if (lo !== undefined && hi !== undefined && !(loIn && hi >= lo)) return int ? Math.ceil((lo + hi) / 2) : (lo + hi) / 2;
  if (lo !== undefined) return loIn ? lo : int ? Math.floor(lo) + 1 : lo + step;
  if (hi !== undefined) return hiIn ? hi : int ? Math.ceil(hi) - 1 : hi - step;
  return 0;
}

/**
 * A value the schema accepts, to suggest for a missing key: its default, the first choice of an
 * enum or literal, a number within its bounds, `false`, `[]`, `null`; undefined when there is no
 * obvious one (free strings, custom checks).
 */
export function exampleValue(schema: z.ZodType): unknown {
  const outer = defOf(schema);
  if (outer.type === 'default' || outer.type === 'prefault') {
    const v = outer.defaultValue;
    return typeof v === 'function' ? (v as () => unknown)() : v;
  }
  if (outer.type === 'nullable') return null;
  const s = unwrap(schema);
  const d = defOf(s);
  switch (d.type) {
    case 'literal':
      return d.values?.[0];
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'boolean':
      return false;
    case 'number':
      return exampleNumber(s);
    case 'array':
      return [];
    default:
      return undefined;
  }
}
