import type { Backend } from '../backend/backend.js';
import type { Storage } from '../backend/storage.js';
import type { BinaryKind } from '../kernels/kernels.js';
import { type Shape, broadcastStrides, sameShape, sizeOf } from '../shape.js';

/** A new storage holding f(a, b) over the broadcast shape `outShape`. */
export function binaryOn(be: Backend, kind: BinaryKind, a: Storage, aShape: Shape, b: Storage, bShape: Shape, outShape: Shape): Storage {
  const out = be.alloc(sizeOf(outShape));
  be.binary(kind, a, aShape, b, bShape, out, outShape);
  return out;
}

/** `data` of `shape` broadcast up to `outShape` (itself when the shapes are equal). */
export function expandOn(be: Backend, data: Storage, shape: Shape, outShape: Shape): Storage {
  if (sameShape(shape, outShape)) return data;
  const out = be.alloc(sizeOf(outShape));
  be.strided('gather', data, 0, broadcastStrides(shape, outShape), outShape, out);
  return out;
}

/** Sum a gradient of shape `from` down to the broadcast source shape `to` (itself when equal). */
export function reduceToShape(be: Backend, grad: Storage, from: Shape, to: Shape): Storage {
  if (sameShape(from, to)) return grad;
  const lead = from.length - to.length;
  const axes: number[] = [];
  for (let i = 0; i < from.length; i++) if (i < lead || to[i - lead] === 1) axes.push(i);
  const out = be.alloc(sizeOf(to));
  be.reduce('sum', grad, from, axes, out);
  return out;
}

/** A one-element storage holding `value`. */
export const scalarOn = (be: Backend, value: number): Storage => be.upload(new Float32Array([value]));
