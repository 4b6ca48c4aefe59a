import { result } from '../autograd.js';
import { type TensorLike, asTensor } from '../create.js';
import { recordFlops } from '../cost/flop-meter.js';
import { kernels } from '../kernels/registry.js';
import type { Tensor } from '../tensor.js';
import { broadcastBinary, expandData, reduceToShape } from './broadcast.js';

const times = (g: Float32Array, shape: readonly number[], other: Tensor): Float32Array => {
  const out = new Float32Array(g.length);
  kernels().binary('mul', g, shape, other.data, other.shape, out, shape);
  return out;
};

/** Elementwise a + b with NumPy broadcasting. @example add(x, 1) */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('add', 'add', x.data, x.shape, y.data, y.shape);
  return result('add', data, shape, [x, y], (g) => [
    x.requiresGrad ? reduceToShape(g, shape, x.shape) : null,
    y.requiresGrad ? reduceToShape(g, shape, y.shape) : null,
  ]);
}

/** Elementwise a − b with broadcasting. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('sub', 'sub', x.data, x.shape, y.data, y.shape);
  return result('sub', data, shape, [x, y], (g) => [
    x.requiresGrad ? reduceToShape(g, shape, x.shape) : null,
    y.requiresGrad
      ? reduceToShape(
          g.map((v) => -v),
          shape,
          y.shape,
        )
      : null,
  ]);
}

/** Elementwise a · b with broadcasting. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('mul', 'mul', x.data, x.shape, y.data, y.shape);
  return result('mul', data, shape, [x, y], (g) => [
    x.requiresGrad ? reduceToShape(times(g, shape, y), shape, x.shape) : null,
    y.requiresGrad ? reduceToShape(times(g, shape, x), shape, y.shape) : null,
  ]);
}

/** Elementwise a / b with broadcasting. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('div', 'div', x.data, x.shape, y.data, y.shape);
  return result('div', data, shape, [x, y], (g) => {
    let gx: Float32Array | null = null;
    let gy: Float32Array | null = null;
    if (x.requiresGrad || y.requiresGrad) {
      const q = new Float32Array(g.length); // g / y
      kernels().binary('div', g, shape, y.data, y.shape, q, shape);
      if (x.requiresGrad) gx = reduceToShape(q, shape, x.shape);
      if (y.requiresGrad) {
        // d(x/y)/dy = −(x/y)/y, so the gradient is −q·out
        const t = new Float32Array(q.length);
        recordFlops(q.length);
        for (let i = 0; i < q.length; i++) t[i] = -q[i] * data[i];
        gy = reduceToShape(t, shape, y.shape);
      }
    }
    return [gx, gy];
  });
}

/**
 * Elementwise aᵇ with broadcasting. The gradient with respect to b is g·aᵇ·ln a, which
 * is NaN for a < 0 (as in PyTorch) and taken as 0 where a = 0.
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('pow', 'pow', x.data, x.shape, y.data, y.shape);
  return result('pow', data, shape, [x, y], (g) => {
    const xe = expandData(x.data, x.shape, shape);
    const ye = expandData(y.data, y.shape, shape);
    recordFlops(4 * g.length);
    let gx: Float32Array | null = null;
    let gy: Float32Array | null = null;
    if (x.requiresGrad) {
      const t = new Float32Array(g.length);
      for (let i = 0; i < t.length; i++) t[i] = ye[i] === 0 ? 0 : g[i] * ye[i] * xe[i] ** (ye[i] - 1);
      gx = reduceToShape(t, shape, x.shape);
    }
    if (y.requiresGrad) {
      const t = new Float32Array(g.length);
      for (let i = 0; i < t.length; i++) t[i] = xe[i] === 0 ? 0 : g[i] * data[i] * Math.log(xe[i]);
      gy = reduceToShape(t, shape, y.shape);
    }
    return [gx, gy];
  });
}

/** Shared backward of maximum/minimum: the winner takes the gradient, a tie splits it (as PyTorch). */
function extremum(op: 'maximum' | 'minimum', a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary(op, op, x.data, x.shape, y.data, y.shape);
  return result(op, data, shape, [x, y], (g) => {
    const xe = expandData(x.data, x.shape, shape);
    const ye = expandData(y.data, y.shape, shape);
    const gx = x.requiresGrad ? new Float32Array(g.length) : null;
    const gy = y.requiresGrad ? new Float32Array(g.length) : null;
    const sign = op === 'maximum' ? 1 : -1;
    recordFlops(2 * g.length);
    for (let i = 0; i < g.length; i++) {
      const d = sign * (xe[i] - ye[i]);
      const wx = d > 0 ? 1 : d < 0 ? 0 : 0.5;
      if (gx) gx[i] = g[i] * wx;
      if (gy) gy[i] = g[i] * (1 - wx);
    }
    return [gx && reduceToShape(gx, shape, x.shape), gy && reduceToShape(gy, shape, y.shape)];
  });
}

/** Elementwise max(a, b) with broadcasting. */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => extremum('maximum', a, b);
/** Elementwise min(a, b) with broadcasting. */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => extremum('minimum', a, b);
