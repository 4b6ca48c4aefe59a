import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { ShapeError, fmtShape } from '../errors.js';
import { normalizeAxes, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

/**
 * Reorder the axes: output axis i is input axis `axes[i]` (a copy, row-major).
 * @example permute(x, [0, 2, 3, 1]) // NCHW → NHWC
 */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  const rank = x.rank;
  const norm = axes.map((a) => (Number.isInteger(a) && a < 0 ? a + rank : a));
  if (norm.length !== rank || new Set(norm).size !== rank || norm.some((a) => !Number.isInteger(a) || a < 0 || a >= rank)) {
    throw new ShapeError('permute', `a permutation of the ${rank} axes of ${fmtShape(x.shape)}`, fmtShape(axes));
  }
  const strides = stridesOf(x.shape);
  const shape = norm.map((a) => x.shape[a]);
  const be = backendFor(x);
  const out = be.alloc(x.size);
  be.strided(
    'gather',
    x.storage,
    0,
    norm.map((a) => strides[a]),
    shape,
    out,
  );
  return record('permute', out, shape, [x], (g) => {
    const inverse = new Array<number>(rank);
    norm.forEach((a, i) => {
      inverse[a] = i;
    });
    const gStrides = stridesOf(shape);
    const gx = be.alloc(x.size);
    be.strided(
      'gather',
      g,
      0,
      inverse.map((a) => gStrides[a]),
      x.shape,
      gx,
    );
    return [gx];
  });
}

/**
 * Swap two axes (the last two by default, so a 2-D tensor is transposed).
 * @example transpose(w) // [in, out] → [out, in]
 */
export function transpose(x: Tensor, axis0 = -2, axis1 = -1): Tensor {
  if (x.rank < 2) throw new ShapeError('transpose', 'a tensor of rank ≥ 2', `rank ${x.rank} (${fmtShape(x.shape)})`);
  const [a] = normalizeAxes('transpose', axis0, x.rank) as [number];
  const [b] = normalizeAxes('transpose', axis1, x.rank) as [number];
  const axes = x.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, axes);
}
