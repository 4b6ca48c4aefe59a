import { ShapeError, ValueError, fmtShape } from '../errors.js';
import type { WindowGeometry } from '../kernels/kernels.js';

/** A size per spatial axis: one number for both, or [height, width]. */
export type Pair = number | readonly [number, number];

export function pair(op: string, name: string, v: Pair, min: number): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((d) => Number.isInteger(d) && d >= min)) {
    throw new ValueError(op, `${name} as integer(s) ≥ ${min}`, JSON.stringify(v));
  }
  return p;
}

/** Output size of a window sweep (PyTorch's formula, floor mode). */
export const outSize = (size: number, kernel: number, stride: number, pad: number, dilation: number): number =>
  Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1) / stride) + 1;

export function geometry(
  op: string,
  shape: readonly number[],
  channels: number,
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number],
  dilation: [number, number],
): WindowGeometry {
  const [height, width] = [shape[2], shape[3]];
  const outH = outSize(height, kernel[0], stride[0], padding[0], dilation[0]);
  const outW = outSize(width, kernel[1], stride[1], padding[1], dilation[1]);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(
      op,
      `an input at least as large as the dilated kernel ${fmtShape(kernel.map((k, i) => dilation[i] * (k - 1) + 1))} after padding ${fmtShape(padding)}`,
      `input ${fmtShape(shape)}`,
    );
  }
  return {
    channels,
    height,
    width,
    kernelH: kernel[0],
    kernelW: kernel[1],
    strideH: stride[0],
    strideW: stride[1],
    padH: padding[0],
    padW: padding[1],
    dilationH: dilation[0],
    dilationW: dilation[1],
    outH,
    outW,
  };
}

export function requireNchw(op: string, x: { shape: readonly number[]; rank: number }): void {
  if (x.rank !== 4) throw new ShapeError(op, 'an NCHW input of rank 4', `rank ${x.rank} ${fmtShape(x.shape)}`);
}
