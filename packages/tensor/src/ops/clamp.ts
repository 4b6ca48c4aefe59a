import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { uncharged } from '../cost/flop-meter.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { scalarOn } from './broadcast.js';

/**
 * Limit every element to [min, max] (either bound optional). The gradient passes where
 * min ≤ x ≤ max, as in PyTorch.
 * @example clamp(x, { min: -1, max: 1 })
 */
export function clamp(x: Tensor, bounds: Readonly<{ min?: number; max?: number }>): Tensor {
  const lo = bounds.min ?? -Infinity;
  const hi = bounds.max ?? Infinity;
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new ValueError('clamp', 'bounds with min ≤ max (not NaN)', `min=${bounds.min}, max=${bounds.max}`);
  }
  const be = backendFor(x);
  const out = be.alloc(x.size);
  be.clamp(x.storage, lo, hi, out);
  return record('clamp', out, x.shape, [x], (g) => {
    // Built from primitives: g where clamp(x) = x (lo ≤ x ≤ hi), else 0. Uncharged, as before.
    const gx = be.alloc(x.size);
    uncharged(() => {
      const inside = be.alloc(x.size);
      be.compare('equal', out, x.shape, x.storage, x.shape, inside, x.shape);
      be.where(inside, x.shape, g, x.shape, scalarOn(be, 0), [], gx, x.shape);
    });
    return [gx];
  });
}
