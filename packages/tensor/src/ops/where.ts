import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import type { Storage } from '../backend/storage.js';
import { uncharged } from '../cost/flop-meter.js';
import { type TensorLike, asTensor } from '../create.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reduceToShape, scalarOn } from './broadcast.js';

/**
 * Pick `a` where `condition` is non-zero and `b` elsewhere, broadcasting all three.
 * The condition gets no gradient.
 * @example where(greater, x, 0)
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, x.shape), y.shape);
  const n = sizeOf(shape);
  const be = backendFor(condition, x, y);
  const out = be.alloc(n);
  be.where(condition.storage, condition.shape, x.storage, x.shape, y.storage, y.shape, out, shape);
  return record('where', out, shape, [x, y], (g) => {
    // Each side's gradient is g routed by the same condition (a selection: exact, uncharged as before).
    const zero = scalarOn(be, 0);
    const routed = (pick: 'a' | 'b'): Storage => {
      const t = be.alloc(n);
      uncharged(() =>
        pick === 'a'
          ? be.where(condition.storage, condition.shape, g, shape, zero, [], t, shape)
          : be.where(condition.storage, condition.shape, zero, [], g, shape, t, shape),
      );
      return t;
    };
    return [
      x.requiresGrad ? reduceToShape(be, routed('a'), shape, x.shape) : null,
      y.requiresGrad ? reduceToShape(be, routed('b'), shape, y.shape) : null,
    ];
  });
}
