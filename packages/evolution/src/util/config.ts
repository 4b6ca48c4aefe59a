import { parseExactly } from '@evoprop/core/config';
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
 * Parses a strategy or trainer config at the boundary with core's one config parser and fails
 * loudly with an {@link EvolutionError}: unknown keys are named with the closest valid one, missing
 * keys with a suggested value, bad values with the path, what was expected and what was given.
 */
export const parseConfig = <S extends z.ZodType>(where: string, schema: S, input: unknown): z.output<S> =>
  parseExactly(schema, input, where, { error: EvolutionError });
