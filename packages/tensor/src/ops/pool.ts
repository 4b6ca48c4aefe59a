import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type Pair, geometry, pair, requireNchw } from './window.js';

/** Options of `maxPool2d` / `avgPool2d`; a `Pair` is one number for both spatial dims or `[h, w]`. */
export type Pool2dOptions = Readonly<{
  /** Window size, ≥ 1. */
  kernelSize: Pair;
  /** Defaults to the kernel size (non-overlapping windows). */
  stride?: Pair;
  /** Padding on each side (−∞ for max pooling, zeros for average pooling). Default 0. */
  padding?: Pair;
  /** Max pooling only. */
  dilation?: Pair;
}>;

function poolGeometry(op: string, x: Tensor, options: Pool2dOptions) {
  requireNchw(op, x);
  const kernel = pair(op, 'kernelSize', options.kernelSize, 1);
  const padding = pair(op, 'padding', options.padding ?? 0, 0);
  if (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2) {
    throw new ValueError(op, `padding at most half the kernel size ${JSON.stringify(kernel)}`, JSON.stringify(padding));
  }
  return geometry(
    op,
    x.shape,
    x.shape[1],
    kernel,
    pair(op, 'stride', options.stride ?? options.kernelSize, 1),
    padding,
    pair(op, 'dilation', options.dilation ?? 1, 1),
  );
}

/**
 * Max over each window of an NCHW tensor; padding never wins. The gradient goes to the
 * (first) maximal element of each window.
 * @example maxPool2d(x, { kernelSize: 2 }) // halves H and W
 */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const geom = poolGeometry('maxPool2d', x, options);
  const N = x.shape[0];
  const be = backendFor(x);
  const size = N * geom.channels * geom.outH * geom.outW;
  const out = be.alloc(size);
  const argmax = new Int32Array(size);
  be.maxPool2d(x.storage, N, geom, out, argmax);
  return record('maxPool2d', out, [N, geom.channels, geom.outH, geom.outW], [x], (g) => {
    const gx = be.alloc(x.size);
    be.scatterAdd(g, argmax, gx);
    return [gx];
  });
}

/**
 * Mean over each window of an NCHW tensor. Padding counts as zeros in the divisor
 * (PyTorch's default `count_include_pad=True`).
 * @example avgPool2d(x, { kernelSize: 3, stride: 1, padding: 1 })
 */
export function avgPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  if (options.dilation !== undefined && pair('avgPool2d', 'dilation', options.dilation, 1).some((d) => d !== 1)) {
    throw new ValueError('avgPool2d', 'no dilation (1)', JSON.stringify(options.dilation));
  }
  const geom = poolGeometry('avgPool2d', x, options);
  const N = x.shape[0];
  const be = backendFor(x);
  const out = be.alloc(N * geom.channels * geom.outH * geom.outW);
  be.avgPool2d(x.storage, N, geom, out);
  return record('avgPool2d', out, [N, geom.channels, geom.outH, geom.outW], [x], (g) => {
    const gx = be.alloc(x.size);
    be.avgPool2dBackward(g, N, geom, gx);
    return [gx];
  });
}
