import { result } from '../autograd.js';
import { recordFlops } from '../cost/flop-meter.js';
import { type TensorLike, asTensor } from '../create.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { expandData, reduceToShape } from './broadcast.js';

/**
 * Pick `a` where `condition` is non-zero and `b` elsewhere, broadcasting all three.
 * The condition gets no gradient.
 * @example where(greater, x, 0)
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, x.shape), y.shape);
  const n = sizeOf(shape);
  const c = expandData(condition.data, condition.shape, shape);
  const xe = expandData(x.data, x.shape, shape);
  const ye = expandData(y.data, y.shape, shape);
  const out = new Float32Array(n);
  recordFlops(n);
  for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? xe[i] : ye[i];
  return result('where', out, shape, [x, y], (g) => {
    let gx: Float32Array | null = null;
    let gy: Float32Array | null = null;
    if (x.requiresGrad) {
      gx = new Float32Array(n);
      for (let i = 0; i < n; i++) gx[i] = c[i] !== 0 ? g[i] : 0;
      gx = reduceToShape(gx, shape, x.shape);
    }
    if (y.requiresGrad) {
      gy = new Float32Array(n);
      for (let i = 0; i < n; i++) gy[i] = c[i] !== 0 ? 0 : g[i];
      gy = reduceToShape(gy, shape, y.shape);
    }
    return [gx, gy];
  });
}
