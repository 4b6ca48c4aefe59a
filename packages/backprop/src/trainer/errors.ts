/** Thrown when the trainer is given something it cannot train (wrong task kind, unbounded budget, bad checkpoint). */
export class BackpropError extends Error {
  override name = 'BackpropError';
  constructor(
    readonly where: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}
