/** Base class of every error thrown by @evoprop/core. Messages read `where: expected X, got Y`. */
export class CoreError extends Error {
  /** The class name, for `error.name` checks across package copies. */
  override name = 'CoreError';
  /**
   * @param where The thing that failed: a function, a config path, a file.
   * @param expected What was expected there.
   * @param actual What was found instead.
   */
  constructor(
    /** The thing that failed: a function, a config path (`'dense.units'`), a file. */
    readonly where: string,
    /** What was expected there. */
    readonly expected: string,
    /** What was found instead. */
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}

/** A model or layer spec (or layer options) that cannot be built. */
export class SpecError extends CoreError {
  /** The class name. */
  override name = 'SpecError';
}

/** A config or options object that failed validation; `key` is the offending path. */
export class ConfigError extends CoreError {
  /** The class name. */
  override name = 'ConfigError';
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
