import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { ShapeError, ValueError, fmtShape } from '../errors.js';
import { sizeOf, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

/**
 * Pad each axis with `paddings[i] = [before, after]` elements of `value` (constant padding).
 * @example pad(img, [[0, 0], [0, 0], [1, 1], [1, 1]]) // one pixel of zeros around NCHW images
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  if (paddings.length !== x.rank) {
    throw new ShapeError('pad', `${x.rank} [before, after] pairs for ${fmtShape(x.shape)}`, `${paddings.length} pairs`);
  }
  for (const [b, e] of paddings) {
    if (!Number.isInteger(b) || !Number.isInteger(e) || b < 0 || e < 0) {
      throw new ValueError('pad', 'non-negative integer paddings', `[${b}, ${e}]`);
    }
  }
  if (Number.isNaN(value)) throw new ValueError('pad', 'a fill value that is not NaN', String(value));
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const strides = stridesOf(shape);
  const offset = paddings.reduce((acc, [b], i) => acc + b * strides[i], 0);
  const be = backendFor(x);
  const out = be.alloc(sizeOf(shape));
  if (value !== 0) be.fill(out, value);
  be.strided('scatter', out, offset, strides, x.shape, x.storage);
  return record('pad', out, shape, [x], (g) => {
    const gx = be.alloc(x.size);
    be.strided('gather', g, offset, strides, x.shape, gx);
    return [gx];
  });
}
