import { broadcastStridesOf } from '../kernels/js-elementwise.js';
import type { BinaryKind } from '../kernels/kernels.js';
import { kernels } from '../kernels/registry.js';
import { type Shape, broadcastShapes, sameShape, sizeOf } from '../shape.js';
import { stridedMove } from './strided.js';

/** Apply a binary kernel over two broadcast operands. */
export function broadcastBinary(
  op: string,
  kind: BinaryKind,
  a: Float32Array,
  aShape: Shape,
  b: Float32Array,
  bShape: Shape,
): { data: Float32Array; shape: number[] } {
  const shape = broadcastShapes(op, aShape, bShape);
  const out = new Float32Array(sizeOf(shape));
  kernels().binary(kind, a, aShape, b, bShape, out, shape);
  return { data: out, shape };
}

/** Copy `data` of `shape` broadcast up to `outShape` (shapes must already be compatible). */
export function expandData(data: Float32Array, shape: Shape, outShape: Shape): Float32Array {
  if (sameShape(shape, outShape)) return data;
  const out = new Float32Array(sizeOf(outShape));
  stridedMove('gather', data, 0, broadcastStridesOf(shape, outShape), outShape, out);
  return out;
}

/** Sum a gradient of shape `from` down to the broadcast source shape `to`. */
export function reduceToShape(grad: Float32Array, from: Shape, to: Shape): Float32Array {
  if (sameShape(from, to)) return grad;
  const lead = from.length - to.length;
  const axes: number[] = [];
  for (let i = 0; i < from.length; i++) if (i < lead || to[i - lead] === 1) axes.push(i);
  const out = new Float32Array(sizeOf(to));
  kernels().reduce('sum', grad, from, axes, out);
  return out;
}
