import { record } from '../autograd.js';
import { uncharged } from '../cost/flop-meter.js';
import { backendFor } from '../backend/dispatch.js';
import type { Storage } from '../backend/storage.js';
import { type TensorLike, asTensor } from '../create.js';
import type { BinaryKind, FusedBinaryBackwardKind } from '../kernels/kernels.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOn, reduceToShape } from './broadcast.js';

/** Forward of a broadcasting binary op: operands, backend, output storage and shape. */
function forward(kind: BinaryKind, a: TensorLike, b: TensorLike) {
  const x = asTensor(a);
  const y = asTensor(b);
  const be = backendFor(x, y);
  const shape = broadcastShapes(kind, x.shape, y.shape);
  const out = binaryOn(be, kind, x.storage, x.shape, y.storage, y.shape, shape);
  return { x, y, be, shape, out };
}

/** Elementwise a + b with NumPy broadcasting. @example add(x, 1) */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const { x, y, be, shape, out } = forward('add', a, b);
  return record('add', out, shape, [x, y], (g) => [
    x.requiresGrad ? reduceToShape(be, g, shape, x.shape) : null,
    y.requiresGrad ? reduceToShape(be, g, shape, y.shape) : null,
  ]);
}

/** Elementwise a − b with broadcasting. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const { x, y, be, shape, out } = forward('sub', a, b);
  return record('sub', out, shape, [x, y], (g) => {
    let gy: Storage | null = null;
    if (y.requiresGrad) {
      // NOTE: negating is exact and has never been charged as FLOPs.
      const negated = be.alloc(sizeOf(shape));
      uncharged(() => be.unary('neg', g, negated, 0));
      gy = reduceToShape(be, negated, shape, y.shape);
    }
    return [x.requiresGrad ? reduceToShape(be, g, shape, x.shape) : null, gy];
  });
}

/** Elementwise a · b with broadcasting. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const { x, y, be, shape, out } = forward('mul', a, b);
  return record('mul', out, shape, [x, y], (g) => [
    x.requiresGrad ? reduceToShape(be, binaryOn(be, 'mul', g, shape, y.storage, y.shape, shape), shape, x.shape) : null,
    y.requiresGrad ? reduceToShape(be, binaryOn(be, 'mul', g, shape, x.storage, x.shape, shape), shape, y.shape) : null,
  ]);
}

/** Elementwise a / b with broadcasting. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const { x, y, be, shape, out } = forward('div', a, b);
  return record('div', out, shape, [x, y], (g) => {
    if (!x.requiresGrad && !y.requiresGrad) return [null, null];
    const q = binaryOn(be, 'div', g, shape, y.storage, y.shape, shape); // g / y
    let gy: Storage | null = null;
    if (y.requiresGrad) {
      // d(x/y)/dy = −(x/y)/y, so the gradient is −q·out (negating after the product is exact).
      const t = binaryOn(be, 'mul', q, shape, out, shape, shape);
      uncharged(() => be.unary('neg', t, t, 0));
      gy = reduceToShape(be, t, shape, y.shape);
    }
    return [x.requiresGrad ? reduceToShape(be, q, shape, x.shape) : null, gy];
  });
}

/** An op whose gradients come from the fused `binaryBackward` kernel (not exact in float32 primitives). */
function fused(kind: FusedBinaryBackwardKind, a: TensorLike, b: TensorLike): Tensor {
  const { x, y, be, shape, out } = forward(kind, a, b);
  return record(kind, out, shape, [x, y], (g) => {
    const n = sizeOf(shape);
    const gx = x.requiresGrad ? be.alloc(n) : null;
    const gy = y.requiresGrad ? be.alloc(n) : null;
    be.binaryBackward(kind, x.storage, x.shape, y.storage, y.shape, out, g, shape, gx, gy);
    return [gx && reduceToShape(be, gx, shape, x.shape), gy && reduceToShape(be, gy, shape, y.shape)];
  });
}

/**
 * Elementwise aᵇ with broadcasting. The gradient with respect to b is g·aᵇ·ln a, which
 * is NaN for a < 0 (as in PyTorch) and taken as 0 where a = 0.
 */
export const pow = (a: TensorLike, b: TensorLike): Tensor => fused('pow', a, b);
/** Elementwise max(a, b) with broadcasting; the winner takes the gradient, a tie splits it (as PyTorch). */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => fused('maximum', a, b);
/** Elementwise min(a, b) with broadcasting; the winner takes the gradient, a tie splits it. */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => fused('minimum', a, b);
