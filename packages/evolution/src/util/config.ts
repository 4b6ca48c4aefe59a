import { z } from 'zod';
import { EvolutionError } from '../errors.js';

/** A vector given as a plain array or a typed array. */
export const vectorSchema = z.custom<ArrayLike<number>>(
  (v) =>
    (Array.isArray(v) || v instanceof Float64Array || v instanceof Float32Array) &&
    Array.from(v as ArrayLike<number>).every((x) => typeof x === 'number' && Number.isFinite(x)),
  { message: 'a finite number[] / Float64Array / Float32Array' },
);

/**
 * Parses a config at the boundary and fails loudly: unknown keys are rejected and every
 * problem is named with the value that was given.
 */
export function parseConfig<S extends z.ZodType>(where: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.') || '(config)';
    if (issue.code === 'unrecognized_keys') return `unknown key(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    return `${path}: ${issue.message}`;
  });
  throw new EvolutionError(
    where,
    'a valid config',
    `${problems.join('; ')} (in ${JSON.stringify(input, (_k, v) => (ArrayBuffer.isView(v) ? `[${(v as Float64Array).length} values]` : v))})`,
  );
}
