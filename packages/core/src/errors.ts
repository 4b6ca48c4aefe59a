import { EvopropError } from '@evoprop/tensor';

/** Base class of every error thrown by @evoprop/core. Messages read `where: expected X, got Y`. */
export class CoreError extends EvopropError {
  /** The class name, for `error.name` checks across package copies. */
  override name = 'CoreError';
}

/** A model or layer spec (or layer options) that cannot be built. */
export class SpecError extends CoreError {
  /** The class name. */
  override name = 'SpecError';
}

/** One thing wrong in a config: the path, what was expected there and what was found. */
export type ConfigIssue = Readonly<{
  /** The config and the path inside it, e.g. `'adam config.optimizer.lr'`. */
  where: string;
  /** What was expected there. */
  expected: string;
  /** What was found instead. */
  actual: string;
}>;

/**
 * A config or options object that failed validation. `where`, `expected` and `actual` describe the
 * first problem; `problems` lists every one (the message too, one per line).
 */
export class ConfigError extends CoreError {
  /** The class name. */
  override name = 'ConfigError';
  /** Every problem found, the first being `where` / `expected` / `actual`. */
  readonly problems: readonly ConfigIssue[];
  /**
   * @param where The config and the path of the first problem.
   * @param expected What was expected there.
   * @param actual What was found instead.
   * @param more Further problems of the same config.
   */
  constructor(where: string, expected: string, actual: string, more: readonly ConfigIssue[] = []) {
    super(where, expected, actual);
    this.problems = [{ where, expected, actual }, ...more];
    for (const p of more) this.message += `\n  ${p.where}: expected ${p.expected}, got ${p.actual}`;
  }
}

/** An id that is not in a registry; the message lists the valid ids. */
export class RegistryError extends CoreError {
  /** The class name. */
  override name = 'RegistryError';
}

/** A model file that cannot be read: truncated, oversized header, wrong dtype, wrong shape, offsets out of range. */
export class ModelFileError extends CoreError {
  /** The class name. */
  override name = 'ModelFileError';
}
