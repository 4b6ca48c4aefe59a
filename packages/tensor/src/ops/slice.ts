import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { ShapeError, fmtShape } from '../errors.js';
import { normalizeAxes, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

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
  const be = backendFor(x);
  const out = be.alloc(shape.reduce((p, d) => p * d, 1));
  be.strided('gather', x.storage, offset, strides, shape, out);
  return record('slice', out, shape, [x], (g) => {
    const gx = be.alloc(x.size);
    be.strided('scatter', gx, offset, strides, shape, g);
    return [gx];
  });
}

/**
 * Cut `x` along `axis` into `sections` equal pieces (a number), or pieces of the given sizes
 * (an array summing to the axis length) — the inverse of `concat`. Each piece is a `slice`,
 * so gradients flow back into the right block.
 * @example const [i, f, g, o] = split(gates, 4, 1) // LSTM gates from [batch, 4·hidden]
 */
export function split(x: Tensor, sections: number | readonly number[], axis = 0): Tensor[] {
  const [a] = normalizeAxes('split', axis, x.rank) as [number];
  const dim = x.shape[a];
  let sizes: number[];
  if (typeof sections === 'number') {
    if (!Number.isInteger(sections) || sections < 1 || dim % sections !== 0) {
      throw new ShapeError(
        'split',
        `a section count dividing the axis length ${dim} (axis ${a} of ${fmtShape(x.shape)})`,
        String(sections),
      );
    }
    sizes = new Array<number>(sections).fill(dim / sections);
  } else {
    sizes = [...sections];
    if (sizes.some((s) => !Number.isInteger(s) || s < 0) || sizes.reduce((p, s) => p + s, 0) !== dim) {
      throw new ShapeError('split', `non-negative sizes summing to ${dim} (axis ${a} of ${fmtShape(x.shape)})`, fmtShape(sizes));
    }
  }
  const begin = new Array<number>(x.rank).fill(0);
  const size = [...x.shape];
  return sizes.map((s) => {
    size[a] = s;
    const piece = slice(x, begin, size);
    begin[a] += s;
    return piece;
  });
}
