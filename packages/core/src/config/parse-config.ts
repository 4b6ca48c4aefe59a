import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { type DeprecatedKeyUse, keyAliasesOf, deprecatedKeys, renameDeprecatedKeys, warnDeprecatedKey } from './deprecated-keys.js';
import { type ConfigProblem, type ProblemOptions, configProblems, formatPath } from './problems.js';

/** An error class built from where / expected / actual, as every evoprop error is. */
export interface ProblemErrorClass {
  /** The error for one problem: the path, what was expected there and what was found. */
  new (where: string, expected: string, actual: string): Error;
}

/** Options of {@link parseConfig}. */
export type ParseConfigOptions = ProblemOptions &
  Readonly<{
    /** The error class thrown (default {@link ConfigError}); it gets the first problem as where / expected / actual, the others in its message. */
    error?: ProblemErrorClass;
    /**
     * Told of each deprecated key the config uses (see {@link deprecatedKeys}), after it was
     * renamed. Default: one `DeprecationWarning` per use site and process ({@link warnDeprecatedKey}).
     */
    onDeprecatedKey?: (where: string, use: DeprecatedKeyUse) => void;
  }>;

/** `where` and a problem's path joined: `adam config` + `optimizer.lr` → `adam config.optimizer.lr`. */
export const problemWhere = (where: string, p: ConfigProblem): string =>
  p.path.length === 0 ? where : `${where}${typeof p.path[0] === 'number' ? '' : '.'}${formatPath(p.path)}`;

/** A ConfigError for a list of problems (the first one as where / expected / actual, all of them in `problems`). */
export function configError(where: string, problems: readonly ConfigProblem[]): ConfigError {
  const issues: ConfigIssue[] = problems.map((p) => ({ where: problemWhere(where, p), expected: p.expected, actual: p.actual }));
  const [first = { where, expected: 'a valid config', actual: 'an invalid one' }, ...more] = issues;
  return new ConfigError(first.where, first.expected, first.actual, more);
}

/** Object schemas are made strict, so a misspelt key fails instead of being dropped. */
function strict<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>> {
  if (!(schema instanceof z.ZodObject)) return schema as unknown as z.ZodType<z.output<S>>;
  const aliases = keyAliasesOf(schema);
  const out = schema.strict();
  return (aliases === undefined ? out : deprecatedKeys(out, aliases)) as unknown as z.ZodType<z.output<S>>;
}

/**
 * Parse a config with a zod schema at the boundary, the one config parser of every trainer,
 * strategy, task and the arena. A missing config is `{}`; a top-level object schema is made strict.
 * On failure it throws a {@link ConfigError} whose `problems` name every bad path with what was
 * expected and what was found: unknown keys (nested ones too) with the closest valid key
 * ("did you mean") and the valid ones, missing keys with a suggested value (from
 * `options.suggestions`, a preset, or else the schema).
 *
 * @example
 * parseConfig(z.strictObject({ sigma: z.number().positive() }), { sigam: 1 }, 'es config');
 * // ConfigError: es config.sigam: expected one of the keys sigma, got unknown key 'sigam' (did you mean 'sigma'?)
 */
export function parseConfig<S extends z.ZodType>(schema: S, config: unknown, where: string, options: ParseConfigOptions = {}): z.output<S> {
  return parseExactly(strict(schema), config ?? {}, where, options);
}

/** {@link parseConfig} without its two conveniences: `undefined` stays undefined and object schemas stay as they are. */
export function parseExactly<S extends z.ZodType>(schema: S, raw: unknown, where: string, options: ParseConfigOptions = {}): z.output<S> {
  const { value: input, uses } = renameDeprecatedKeys(schema, raw);
  const r = schema.safeParse(input);
  for (const use of uses) (options.onDeprecatedKey ?? warnDeprecatedKey)(where, use);
  if (r.success) return r.data;
  const problems = configProblems(schema, input, r.error.issues, options);
  if (options.error === undefined || options.error === ConfigError) throw configError(where, problems);
  const [first, ...more] = problems;
  if (first === undefined) throw new options.error(where, 'a valid config', 'an invalid one');
  const error = new options.error(problemWhere(where, first), first.expected, first.actual);
  for (const p of more) error.message += `\n  ${problemWhere(where, p)}: expected ${p.expected}, got ${p.actual}`;
  throw error;
}
