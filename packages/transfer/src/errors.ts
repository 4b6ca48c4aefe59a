/** Thrown by @evoprop/transfer. Messages read `where: expected X, got Y`. */
export class TransferError extends Error {
  /** Always `'TransferError'`. */
  override name = 'TransferError';
  constructor(
    /** The function, option or config key that failed. */
    readonly where: string,
    /** What was expected there. */
    readonly expected: string,
    /** What was found instead. */
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}
