/** Thrown when an RL trainer or distribution is given something it cannot use (wrong task kind, bad shapes, a bad checkpoint). */
export class RlError extends Error {
  /** Always `'RlError'`. */
  override name = 'RlError';
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
