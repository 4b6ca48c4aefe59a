import { backendFor } from '../backend/dispatch.js';
import { type TensorLike, asTensor } from '../create.js';
import type { CompareKind } from '../kernels/kernels.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';

function compare(kind: CompareKind, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const shape = broadcastShapes(kind, x.shape, y.shape);
  const be = backendFor(x, y);
  const out = be.alloc(sizeOf(shape));
  be.compare(kind, x.storage, x.shape, y.storage, y.shape, out, shape);
  return new Tensor(out, shape);
}

/** 1 where a = b, else 0 (broadcasting; no gradient). Useful as a `where` condition. */
export const equal = (a: TensorLike, b: TensorLike): Tensor => compare('equal', a, b);
/** 1 where a > b, else 0 (broadcasting; no gradient). */
export const greater = (a: TensorLike, b: TensorLike): Tensor => compare('greater', a, b);
/** 1 where a ≥ b, else 0 (broadcasting; no gradient). */
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => compare('greaterEqual', a, b);
/** 1 where a < b, else 0 (broadcasting; no gradient). */
export const less = (a: TensorLike, b: TensorLike): Tensor => compare('less', a, b);
/** 1 where a ≤ b, else 0 (broadcasting; no gradient). */
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => compare('lessEqual', a, b);
