import { CoreError } from '@evoprop/core';

/** Bad input to a hybrid trainer. Messages read `where: expected X, got Y`. */
export class HybridError extends CoreError {
  override name = 'HybridError';
}
