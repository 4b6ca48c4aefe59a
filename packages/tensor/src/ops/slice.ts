import { result } from '../autograd.js';
import { ShapeError, fmtShape } from '../errors.js';
import { stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { stridedMove } from './strided.js';

/**
 * A rectangular block: `begin[i]` (negative counts from the end) and `size[i]` elements
 * along each axis (-1 or omitted = to the end). Missing trailing axes are taken whole.
 * @example slice(x, [0, 1], [2, -1]) // first two rows, columns 1..end
 */
export function slice(x: Tensor, begin: readonly number[], size: readonly number[] = []): Tensor {
  const rank = x.rank;
  if (begin.length > rank || size.length > rank) {
    throw new ShapeError(
      'slice',
      `begin and size of at most ${rank} entries for ${fmtShape(x.shape)}`,
      `begin ${fmtShape(begin)}, size ${fmtShape(size)}`,
    );
  }
  const start: number[] = [];
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const dim = x.shape[i];
    let b = begin[i] ?? 0;
    if (b < 0) b += dim;
    const s = size[i] === undefined || size[i] === -1 ? dim - b : size[i];
    if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > dim) {
      throw new ShapeError(
        'slice',
        `begin and size inside ${fmtShape(x.shape)} on axis ${i}`,
        `begin ${begin[i] ?? 0}, size ${size[i] ?? -1}`,
      );
    }
    start.push(b);
    shape.push(s);
  }
  const strides = stridesOf(x.shape);
  const offset = start.reduce((acc, b, i) => acc + b * strides[i], 0);
  const out = new Float32Array(shape.reduce((p, d) => p * d, 1));
  stridedMove('gather', x.data, offset, strides, shape, out);
  return result('slice', out, shape, [x], (g) => {
    const gx = new Float32Array(x.size);
    stridedMove('scatter', gx, offset, strides, shape, g);
    return [gx];
  });
}
