/**
 * Base of evoprop's typed errors: each names the place that failed, what was expected there and
 * what was found, and its message reads `where: expected X, got Y`. Each package's errors extend
 * it (`TensorError` here, `CoreError` in @evoprop/core and the trainers' errors through it), so
 * one `instanceof EvopropError` catches a user's mistake anywhere in the stack.
 */
export class EvopropError extends Error {
  /** The class name, for `error.name` checks across package copies. */
  override name = 'EvopropError';
  constructor(
    /** The thing that failed: a function, an op, a config path (`'dense.units'`), a file. */
    readonly where: string,
    /** What was expected there. */
    readonly expected: string,
    /** What was found instead. */
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}

/** Base class of every error thrown by @evoprop/tensor. */
export class TensorError extends EvopropError {
  /** Always `'TensorError'`. */
  override name = 'TensorError';
  /** The op or function that rejected its input, e.g. `'matmul'` (the same as `where`). */
  get op(): string {
    return this.where;
  }
}

/** A shape, rank or axis did not fit the op. Names the op, what it expected (`'inner dimensions to match'`) and what it got (`'[2, 3] and [4, 5]'`). */
export class ShapeError extends TensorError {
  /** Always `'ShapeError'`. */
  override name = 'ShapeError';
}

/** An argument had a value the op cannot use (NaN where a finite number is required, negative size...). */
export class ValueError extends TensorError {
  /** Always `'ValueError'`. */
  override name = 'ValueError';
}

/** Format a shape for error messages: `[2, 3]`. */
export const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
