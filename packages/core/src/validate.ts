import type { z } from 'zod';
import { ConfigError, type CoreError, SpecError } from './errors.js';

type ErrorClass = new (where: string, expected: string, actual: string) => CoreError;

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Parse `value` with a zod schema; on failure throw `ErrorClass` naming the key (path),
 * what was expected and what was found. Unknown keys are reported by name.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
  ErrorClass: ErrorClass = ConfigError,
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue === undefined) throw new ErrorClass(where, 'a valid value', describeValue(value));
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const at = path === '' ? '' : ` in '${path}'`;
    throw new ErrorClass(
      `${where}${at}`,
      `only known keys (${knownKeys(schema, issue.path).join(', ') || 'none'})`,
      `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`,
    );
  }
  const key = path === '' ? '' : `.${path}`;
  const expected = issue.message.replace(/^Invalid input: expected /, '').replace(/, received \w+$/, '');
  throw new ErrorClass(`${where}${key}`, expected, describeValue(valueAt(value, issue.path)));
}

/** Parse a layer or model spec; failures are SpecErrors. */
export const parseSpec = <S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> =>
  parseWith(schema, value, where, SpecError);

function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const key of path) {
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    s = shape?.[String(key)];
  }
  const shape = (s as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}
