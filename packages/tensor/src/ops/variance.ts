import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { div, sub } from './arithmetic.js';
import { type ReduceOptions, mean, reductionPlan, sum } from './reduce.js';
import { sqrt, square } from './unary.js';

/** Options of `variance` and `std`: the reduction's axes plus the divisor correction. */
export type VarianceOptions = ReduceOptions &
  Readonly<{
    /** Subtracted from the count in the divisor: 1 is Bessel's correction. Default 0, the population variance that batch norm uses. */
    correction?: number;
  }>;

/**
 * Variance over `axis` (all by default): Σ(x − mean)² / (count − correction). Composed from
 * primitives, so its gradient comes for free.
 * @example variance(x, { axis: [0, 2, 3], keepdims: true }) // per-channel, for batch norm
 */
export function variance(x: Tensor, options: VarianceOptions = {}): Tensor {
  const { correction = 0, ...reduce } = options;
  if (!Number.isFinite(correction) || correction < 0) throw new ValueError('variance', 'a finite correction ≥ 0', String(correction));
  const { count } = reductionPlan('variance', x.shape, reduce);
  const centred = sub(x, mean(x, { axis: reduce.axis, keepdims: true }));
  const total = sum(square(centred), reduce);
  return correction === 0 ? div(total, count) : div(total, Math.max(0, count - correction));
}

/** Standard deviation: √variance, same options. */
export const std = (x: Tensor, options: VarianceOptions = {}): Tensor => sqrt(variance(x, options));
