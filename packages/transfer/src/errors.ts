/** Thrown by @evoprop/transfer. Messages read `where: expected X, got Y`. */
export class TransferError extends Error {
  override name = 'TransferError';
  constructor(
    readonly where: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}
