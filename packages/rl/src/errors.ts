import { CoreError } from '@evoprop/core';

/** Thrown when an RL trainer or distribution is given something it cannot use (wrong task kind, bad shapes, a bad checkpoint). */
export class RlError extends CoreError {
  /** Always `'RlError'`. */
  override name = 'RlError';
}
