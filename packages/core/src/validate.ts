import type { z } from 'zod';
import { parseExactly } from './config/parse-config.js';
import { ConfigError, type CoreError, SpecError } from './errors.js';

type ErrorClass = new (where: string, expected: string, actual: string) => CoreError;

/**
 * Parse `value` with a zod schema; on failure throw `ErrorClass` naming the key (path),
 * what was expected and what was found. Unknown keys are reported by name, with the closest valid one.
 */
export const parseWith = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
  ErrorClass: ErrorClass = ConfigError,
): z.output<S> => parseExactly(schema, value, where, { error: ErrorClass });

/** Parse a layer or model spec; failures are SpecErrors. */
export const parseSpec = <S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> =>
  parseWith(schema, value, where, SpecError);
