import { record } from '../autograd.js';
import type { Backend } from '../backend/backend.js';
import type { Storage } from '../backend/storage.js';
import { backendFor } from '../backend/dispatch.js';
import { ShapeError } from '../errors.js';
import type { ReduceKind } from '../kernels/kernels.js';
import { type Shape, normalizeAxes, sizeOf, stridesOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { binaryOn, expandOn, scalarOn } from './broadcast.js';

/** Options of the reductions (`sum`, `mean`, `max`, `min`, `logsumexp`, ...). */
export type ReduceOptions = Readonly<{
  /** Axis or axes to reduce; negative counts from the end. Default: all axes. */
  axis?: number | readonly number[];
  /** Keep reduced axes as size 1, so the result broadcasts against the input. Default false. */
  keepdims?: boolean;
}>;

/** The reduced axes, the output shape, and the shape with reduced axes kept as 1 (for broadcasting back). */
export function reductionPlan(op: string, shape: Shape, options: ReduceOptions) {
  const axes = normalizeAxes(op, options.axis, shape.length);
  const keptShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = options.keepdims ? keptShape : shape.filter((_, i) => !axes.includes(i));
  const outSize = sizeOf(outShape);
  return { axes, keptShape, outShape, outSize, count: outSize === 0 ? 0 : sizeOf(shape) / outSize };
}

/** Sum over `axis` (all axes by default). @example sum(x, { axis: 1, keepdims: true }) */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  const plan = reductionPlan('sum', x.shape, options);
  const be = backendFor(x);
  const out = be.alloc(plan.outSize);
  be.reduce('sum', x.storage, x.shape, plan.axes, out);
  return record('sum', out, plan.outShape, [x], (g) => [expandOn(be, g, plan.keptShape, x.shape)]);
}

/** Mean over `axis` (all axes by default). */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  const plan = reductionPlan('mean', x.shape, options);
  const be = backendFor(x);
  const total = be.alloc(plan.outSize);
  be.reduce('sum', x.storage, x.shape, plan.axes, total);
  // NOTE: dividing by the count as a float32 scalar is exact for counts below 2²⁴.
  const count = scalarOn(be, plan.count);
  const out = binaryOn(be, 'div', total, plan.outShape, count, [], plan.outShape);
  return record('mean', out, plan.outShape, [x], (g) => [
    binaryOn(be, 'div', expandOn(be, g, plan.keptShape, x.shape), x.shape, count, [], x.shape),
  ]);
}

function extreme(kind: Exclude<ReduceKind, 'sum'>, x: Tensor, options: ReduceOptions): Tensor {
  const plan = reductionPlan(kind, x.shape, options);
  if (x.size === 0) throw new ShapeError(kind, 'a non-empty tensor', 'an empty one');
  const be = backendFor(x);
  const out = be.alloc(plan.outSize);
  const arg = new Int32Array(plan.outSize);
  be.reduce(kind, x.storage, x.shape, plan.axes, out, arg);
  return record(kind, out, plan.outShape, [x], (g) => {
    // The gradient goes to the first extreme element of each slice (as torch.max(dim)).
    const gx = be.alloc(x.size);
    be.scatterAdd(g, arg, gx);
    return [gx];
  });
}

/** Maximum over `axis` (all by default). */
export const max = (x: Tensor, options: ReduceOptions = {}): Tensor => extreme('max', x, options);
/** Minimum over `axis` (all by default). */
export const min = (x: Tensor, options: ReduceOptions = {}): Tensor => extreme('min', x, options);

/** Options of `argmax` / `argmin`. */
export type ArgReduceOptions = Readonly<{
  /** The one axis to search; negative counts from the end. Default: the flattened tensor. */
  axis?: number;
  /** Keep the searched axis as size 1. Default false. */
  keepdims?: boolean;
}>;

function argExtreme(kind: 'max' | 'min', x: Tensor, options: ArgReduceOptions): Tensor {
  const op = kind === 'max' ? 'argmax' : 'argmin';
  if (x.size === 0) throw new ShapeError(op, 'a non-empty tensor', 'an empty one');
  const plan = reductionPlan(op, x.shape, options);
  const be = backendFor(x);
  if (!be.host) return new Tensor(devicePosition(be, kind, x, options.axis), plan.outShape);
  const out = be.alloc(plan.outSize);
  const arg = new Int32Array(plan.outSize);
  be.reduce(kind, x.storage, x.shape, plan.axes, out, arg);
  // The kernel gives flat indices (an index buffer on the host); the position along the axis is index math.
  const idx = new Float32Array(plan.outSize);
  if (options.axis === undefined) {
    idx.set(arg);
  } else {
    const a = plan.axes[0];
    const stride = stridesOf(x.shape)[a];
    const dim = x.shape[a];
    for (let o = 0; o < arg.length; o++) idx[o] = Math.floor(arg[o] / stride) % dim;
  }
  return new Tensor(be.upload(idx), plan.outShape);
}

/**
 * argmax / argmin on a device backend, whose kernels leave the host index buffer unfilled:
 * the first position p along the axis with x[p] = extreme, as min over the axis of
 * where(x = extreme, p, dim), all on the device.
 */
function devicePosition(be: Backend, kind: 'max' | 'min', x: Tensor, axis: number | undefined): Storage {
  const shape: Shape = axis === undefined ? [x.size] : x.shape;
  const a = axis === undefined ? 0 : normalizeAxes(kind, axis, shape.length)[0];
  const dim = shape[a];
  const kept = shape.map((d, i) => (i === a ? 1 : d));
  const extreme = be.alloc(sizeOf(kept));
  be.reduce(kind, x.storage, shape, [a], extreme);
  const hit = be.alloc(x.size);
  be.compare('equal', x.storage, shape, extreme, kept, hit, shape);
  const positions = be.upload(Float32Array.from({ length: dim }, (_, p) => p));
  const positionShape = [dim, ...shape.slice(a + 1).map(() => 1)];
  const candidates = be.alloc(x.size);
  be.where(hit, shape, positions, positionShape, scalarOn(be, dim), [], candidates, shape);
  const first = be.alloc(sizeOf(kept));
  be.reduce('min', candidates, shape, [a], first);
  return first;
}

/**
 * Index of the (first) maximum along `axis`, or into the flattened tensor when no axis is
 * given. Returned as a float tensor of integers; it has no gradient.
 */
export const argmax = (x: Tensor, options: ArgReduceOptions = {}): Tensor => argExtreme('max', x, options);
/** Index of the (first) minimum along `axis`, like `argmax`; a float tensor of integers, no gradient. */
export const argmin = (x: Tensor, options: ArgReduceOptions = {}): Tensor => argExtreme('min', x, options);
