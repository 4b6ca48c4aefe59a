/** Base class of every error thrown by @evoprop/core. Messages read `where: expected X, got Y`. */
export class CoreError extends Error {
  override name = 'CoreError';
  constructor(
    readonly where: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}

/** A model or layer spec (or layer options) that cannot be built. */
export class SpecError extends CoreError {
  override name = 'SpecError';
}

/** A config or options object that failed validation; `key` is the offending path. */
export class ConfigError extends CoreError {
  override name = 'ConfigError';
}

/** An id that is not in a registry; the message lists the valid ids. */
export class RegistryError extends CoreError {
  override name = 'RegistryError';
}

/** A model file that cannot be read: truncated, oversized header, wrong dtype, wrong shape, offsets out of range. */
export class ModelFileError extends CoreError {
  override name = 'ModelFileError';
}
