import { CoreError } from '@evoprop/core';

/** Thrown when the trainer is given something it cannot train (wrong task kind, unbounded budget, bad checkpoint). */
export class BackpropError extends CoreError {
  /** Always `'BackpropError'`. */
  override name = 'BackpropError';
}
