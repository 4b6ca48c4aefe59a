/** Base class of every error thrown by @evoprop/tensor. */
export class TensorError extends Error {
  /** Always `'TensorError'`. */
  override name = 'TensorError';
}

/** A shape, rank or axis did not fit the op. Names the op, what it expected and what it got. */
export class ShapeError extends TensorError {
  /** Always `'ShapeError'`. */
  override name = 'ShapeError';
  constructor(
    /** The op or function that rejected its input, e.g. `'matmul'`. */
    readonly op: string,
    /** What the op needed, in words (e.g. `'inner dimensions to match'`). */
    readonly expected: string,
    /** What it got, in words (e.g. `'[2, 3] and [4, 5]'`). */
    readonly actual: string,
  ) {
    super(`${op}: expected ${expected}, got ${actual}`);
  }
}

/** An argument had a value the op cannot use (NaN where a finite number is required, negative size...). */
export class ValueError extends TensorError {
  /** Always `'ValueError'`. */
  override name = 'ValueError';
  constructor(
    /** The op or function that rejected its argument. */
    readonly op: string,
    /** What the op needed, in words. */
    readonly expected: string,
    /** The value it got, in words. */
    readonly actual: string,
  ) {
    super(`${op}: expected ${expected}, got ${actual}`);
  }
}

/** Format a shape for error messages: `[2, 3]`. */
export const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
