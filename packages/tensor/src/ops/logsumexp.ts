import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import type { Tensor } from '../tensor.js';
import { type ReduceOptions, reductionPlan } from './reduce.js';

/**
 * log Σ exp(x) over `axis` (all by default), shifted by the max so it never overflows.
 * @example logsumexp(logits, { axis: -1, keepdims: true })
 */
export function logsumexp(x: Tensor, options: ReduceOptions = {}): Tensor {
  const plan = reductionPlan('logsumexp', x.shape, options);
  const be = backendFor(x);
  const out = be.alloc(plan.outSize);
  be.logsumexp(x.storage, x.shape, plan.axes, plan.keptShape, out);
  return record('logsumexp', out, plan.outShape, [x], (g) => {
    const gx = be.alloc(x.size);
    be.logsumexpBackward(x.storage, x.shape, out, g, plan.keptShape, gx);
    return [gx];
  });
}
