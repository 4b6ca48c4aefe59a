/** Thrown when the trainer is given something it cannot train (wrong task kind, unbounded budget, bad checkpoint). */
export class BackpropError extends Error {
  /** Always `'BackpropError'`. */
  override name = 'BackpropError';
  constructor(
    /** The function or config key that failed. */
    readonly where: string,
    /** What was expected there. */
    readonly expected: string,
    /** What was found instead. */
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}
