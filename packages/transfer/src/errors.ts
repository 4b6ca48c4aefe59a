import { CoreError } from '@evoprop/core';

/** Thrown by @evoprop/transfer. Messages read `where: expected X, got Y`. */
export class TransferError extends CoreError {
  /** Always `'TransferError'`. */
  override name = 'TransferError';
}
