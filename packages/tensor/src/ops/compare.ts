import { recordFlops } from '../cost/flop-meter.js';
import { type TensorLike, asTensor } from '../create.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { expandData } from './broadcast.js';

function compare(op: string, a: TensorLike, b: TensorLike, test: (p: number, q: number) => boolean): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const shape = broadcastShapes(op, x.shape, y.shape);
  const xe = expandData(x.data, x.shape, shape);
  const ye = expandData(y.data, y.shape, shape);
  const out = new Float32Array(sizeOf(shape));
  recordFlops(out.length);
  for (let i = 0; i < out.length; i++) out[i] = test(xe[i], ye[i]) ? 1 : 0;
  return new Tensor(out, shape);
}

/** 1 where a = b, else 0 (broadcasting; no gradient). Useful as a `where` condition. */
export const equal = (a: TensorLike, b: TensorLike): Tensor => compare('equal', a, b, (p, q) => p === q);
/** 1 where a > b, else 0 (broadcasting; no gradient). */
export const greater = (a: TensorLike, b: TensorLike): Tensor => compare('greater', a, b, (p, q) => p > q);
/** 1 where a ≥ b, else 0 (broadcasting; no gradient). */
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => compare('greaterEqual', a, b, (p, q) => p >= q);
/** 1 where a < b, else 0 (broadcasting; no gradient). */
export const less = (a: TensorLike, b: TensorLike): Tensor => compare('less', a, b, (p, q) => p < q);
/** 1 where a ≤ b, else 0 (broadcasting; no gradient). */
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => compare('lessEqual', a, b, (p, q) => p <= q);
