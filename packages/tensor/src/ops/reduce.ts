import { result } from '../autograd.js';
import { type Shape, normalizeAxes, sizeOf, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

export type ReduceOptions = Readonly<{ axis?: number | readonly number[]; keepdims?: boolean }>;

/** Shapes and a map from each input element to its output slot for a reduction. */
export function reductionPlan(op: string, shape: Shape, options: ReduceOptions) {
  const axes = normalizeAxes(op, options.axis, shape.length);
  const keptShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = options.keepdims ? keptShape : shape.filter((_, i) => !axes.includes(i));
  const outStrides = stridesOf(keptShape).map((s, i) => (axes.includes(i) ? 0 : s));
  const n = sizeOf(shape);
  const slot = new Int32Array(n);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < n; i++) {
    slot[i] = o;
    for (let d = rank - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      o += outStrides[d] as number;
      if ((idx[d] as number) < (shape[d] as number)) break;
      o -= (outStrides[d] as number) * (shape[d] as number);
      idx[d] = 0;
    }
  }
  return { axes, outShape, outSize: sizeOf(outShape), slot, count: n / Math.max(1, sizeOf(outShape)) };
}

/** Sum over `axis` (all axes by default). @example sum(x, { axis: 1, keepdims: true }) */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  const plan = reductionPlan('sum', x.shape, options);
  const out = new Float32Array(plan.outSize);
  const { slot } = plan;
  for (let i = 0; i < x.size; i++) out[slot[i] as number] += x.data[i] as number;
  return result('sum', out, plan.outShape, [x], (g) => {
    const gx = new Float32Array(x.size);
    for (let i = 0; i < x.size; i++) gx[i] = g[slot[i] as number] as number;
    return [gx];
  });
}

/** Mean over `axis` (all axes by default). */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  const plan = reductionPlan('mean', x.shape, options);
  const out = new Float32Array(plan.outSize);
  const { slot, count } = plan;
  for (let i = 0; i < x.size; i++) out[slot[i] as number] += x.data[i] as number;
  for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) / count;
  return result('mean', out, plan.outShape, [x], (g) => {
    const gx = new Float32Array(x.size);
    for (let i = 0; i < x.size; i++) gx[i] = (g[slot[i] as number] as number) / count;
    return [gx];
  });
}
