/** Base class of every error thrown by @evoprop/tensor. */
export class TensorError extends Error {
  override name = 'TensorError';
}

/** A shape, rank or axis did not fit the op. Names the op, what it expected and what it got. */
export class ShapeError extends TensorError {
  override name = 'ShapeError';
  constructor(
    readonly op: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${op}: expected ${expected}, got ${actual}`);
  }
}

/** An argument had a value the op cannot use (NaN where a finite number is required, negative size...). */
export class ValueError extends TensorError {
  override name = 'ValueError';
  constructor(
    readonly op: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${op}: expected ${expected}, got ${actual}`);
  }
}

/** Format a shape for error messages: `[2, 3]`. */
export const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
