import { coalesce } from '../kernels/js-elementwise.js';
import { type Shape, sizeOf } from '../shape.js';

/**
 * Move a strided view of `shape` between a strided buffer and a contiguous one: with
 * `mode` 'gather', dense[i] = strided[offset + Σ idx·strides]; with 'scatterAdd',
 * strided[...] += dense[i]; with 'scatter', strided[...] = dense[i]. Every shape op
 * (permute, slice, pad, concat, expand) is one of these, so they share one loop.
 */
export function stridedMove(
  mode: 'gather' | 'scatter' | 'scatterAdd',
  strided: Float32Array,
  offset: number,
  strides: readonly number[],
  shape: Shape,
  dense: Float32Array,
): void {
  const n = sizeOf(shape);
  if (n === 0) return;
  const denseStrides: number[] = [];
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    denseStrides[d] = s;
    s *= shape[d];
  }
  const c = coalesce(shape, [[...strides], denseStrides]);
  const cs = c.shape;
  const ss = c.strides[0] as number[];
  const rank = cs.length;
  const len = cs[rank - 1];
  const step = ss[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let off = offset;
  for (let i = 0; i < n; i += len) {
    if (mode === 'gather') for (let j = 0, o = off; j < len; j++, o += step) dense[i + j] = strided[o];
    else if (mode === 'scatter') for (let j = 0, o = off; j < len; j++, o += step) strided[o] = dense[i + j];
    else for (let j = 0, o = off; j < len; j++, o += step) strided[o] += dense[i + j];
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      off += ss[d];
      if (idx[d] < cs[d]) break;
      off -= ss[d] * cs[d];
      idx[d] = 0;
    }
  }
}
