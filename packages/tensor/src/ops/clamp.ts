import { result } from '../autograd.js';
import { recordFlops } from '../cost/flop-meter.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';

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
  const n = x.size;
  const xd = x.data;
  const out = new Float32Array(n);
  recordFlops(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(xd[i], lo), hi);
  return result('clamp', out, x.shape, [x], (g) => {
    const gx = new Float32Array(n);
    for (let i = 0; i < n; i++) gx[i] = xd[i] >= lo && xd[i] <= hi ? g[i] : 0;
    return [gx];
  });
}
