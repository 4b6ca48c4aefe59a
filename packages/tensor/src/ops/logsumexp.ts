import { result } from '../autograd.js';
import { recordFlops } from '../cost/flop-meter.js';
import { kernels } from '../kernels/registry.js';
import type { Tensor } from '../tensor.js';
import { expandData } from './broadcast.js';
import { type ReduceOptions, reductionPlan } from './reduce.js';

/**
 * log Σ exp(x) over `axis` (all by default), shifted by the max so it never overflows.
 * @example logsumexp(logits, { axis: -1, keepdims: true })
 */
export function logsumexp(x: Tensor, options: ReduceOptions = {}): Tensor {
  const plan = reductionPlan('logsumexp', x.shape, options);
  const m = new Float32Array(plan.outSize);
  kernels().reduce('max', x.data, x.shape, plan.axes, m);
  for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i])) m[i] = 0;
  const me = expandData(m, plan.keptShape, x.shape);
  const e = new Float32Array(x.size);
  recordFlops(2 * x.size + 2 * m.length); // subtract and exp per element; add and log per result
  for (let i = 0; i < e.length; i++) e[i] = Math.exp(x.data[i] - me[i]);
  const out = new Float32Array(plan.outSize);
  kernels().reduce('sum', e, x.shape, plan.axes, out);
  for (let i = 0; i < out.length; i++) out[i] = m[i] + Math.log(out[i]);
  return result('logsumexp', out, plan.outShape, [x], (g) => {
    // d lse / dx = softmax(x) = exp(x − lse)
    const ge = expandData(g, plan.keptShape, x.shape);
    const le = expandData(out, plan.keptShape, x.shape);
    const gx = new Float32Array(x.size);
    recordFlops(3 * x.size);
    for (let i = 0; i < gx.length; i++) gx[i] = ge[i] * Math.exp(x.data[i] - le[i]);
    return [gx];
  });
}
