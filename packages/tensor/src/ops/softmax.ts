import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { normalizeAxes, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

function softmaxLike(op: 'softmax' | 'logSoftmax', x: Tensor, axis: number): Tensor {
  const [a] = normalizeAxes(op, axis, x.rank) as [number];
  const outer = sizeOf(x.shape.slice(0, a));
  const dim = x.shape[a];
  const inner = sizeOf(x.shape.slice(a + 1));
  const log = op === 'logSoftmax';
  const be = backendFor(x);
  const out = be.alloc(x.size);
  be.softmax(x.storage, outer, dim, inner, out, log);
  return record(op, out, x.shape, [x], (g) => {
    const gx = be.alloc(x.size);
    be.softmaxBackward(out, g, outer, dim, inner, gx, log);
    return [gx];
  });
}

/**
 * exp(x) / Σ exp(x) along `axis` (last by default); fused and max-shifted, so it is
 * stable for large logits.
 * @example softmax(logits) // rows sum to 1
 */
export const softmax = (x: Tensor, axis = -1): Tensor => softmaxLike('softmax', x, axis);

/** x − logsumexp(x) along `axis` (last by default); fused and stable. Pair with a one-hot NLL for cross-entropy. */
export const logSoftmax = (x: Tensor, axis = -1): Tensor => softmaxLike('logSoftmax', x, axis);
