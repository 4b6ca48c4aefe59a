import { result } from '../autograd.js';
import { type TensorLike, asTensor } from '../create.js';
import type { Tensor } from '../tensor.js';
import { broadcastBinary, reduceToShape } from './broadcast.js';

/** Elementwise a + b with NumPy broadcasting. @example add(x, 1) */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('add', x.data, x.shape, y.data, y.shape, (p, q) => p + q);
  return result('add', data, shape, [x, y], (g) => [reduceToShape(g, shape, x.shape), reduceToShape(g, shape, y.shape)]);
}

/** Elementwise a − b with broadcasting. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('sub', x.data, x.shape, y.data, y.shape, (p, q) => p - q);
  return result('sub', data, shape, [x, y], (g) => [
    reduceToShape(g, shape, x.shape),
    y.requiresGrad ? reduceToShape(g.map((v) => -v), shape, y.shape) : null,
  ]);
}

/** Elementwise a · b with broadcasting. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('mul', x.data, x.shape, y.data, y.shape, (p, q) => p * q);
  return result('mul', data, shape, [x, y], (g) => [
    x.requiresGrad ? reduceToShape(broadcastBinary('mul', g, shape, y.data, y.shape, (p, q) => p * q).data, shape, x.shape) : null,
    y.requiresGrad ? reduceToShape(broadcastBinary('mul', g, shape, x.data, x.shape, (p, q) => p * q).data, shape, y.shape) : null,
  ]);
}

/** Elementwise a / b with broadcasting. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = [asTensor(a), asTensor(b)];
  const { data, shape } = broadcastBinary('div', x.data, x.shape, y.data, y.shape, (p, q) => p / q);
  return result('div', data, shape, [x, y], (g) => [
    x.requiresGrad ? reduceToShape(broadcastBinary('div', g, shape, y.data, y.shape, (p, q) => p / q).data, shape, x.shape) : null,
    y.requiresGrad
      ? reduceToShape(
          // d(x/y)/dy = -out / y
          broadcastBinary('div', broadcastBinary('mul', g, shape, data, shape, (p, q) => -p * q).data, shape, y.data, y.shape, (p, q) => p / q).data,
          shape,
          y.shape,
        )
      : null,
  ]);
}
