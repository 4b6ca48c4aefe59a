import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { ShapeError, fmtShape } from '../errors.js';
import { type Shape, broadcastShapes, normalizeAxes, sameShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { expandOn, reduceToShape } from './broadcast.js';

/** Same data, new shape (a view: no copy). One dimension may be -1 and is inferred. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const unknown = shape.filter((d) => d === -1).length;
  const known = sizeOf(shape.filter((d) => d !== -1));
  let resolved = [...shape];
  if (unknown > 1) throw new ShapeError('reshape', 'at most one -1 dimension', fmtShape(shape));
  if (unknown === 1) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError('reshape', `a shape whose size divides ${x.size}`, fmtShape(shape));
    }
    resolved = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  if (sizeOf(resolved) !== x.size) {
    throw new ShapeError(
      'reshape',
      `a shape with ${x.size} elements (from ${fmtShape(x.shape)})`,
      `${fmtShape(resolved)} with ${sizeOf(resolved)}`,
    );
  }
  return record('reshape', x.storage, resolved, [x], (g) => [g]);
}

/** Flatten axes `startAxis`..end into one: [N, C, H, W] → [N, C·H·W] by default. A view. */
export function flatten(x: Tensor, startAxis = 1): Tensor {
  const [a] = x.rank === 0 ? [0] : (normalizeAxes('flatten', startAxis, x.rank) as [number]);
  return reshape(x, [...x.shape.slice(0, a), sizeOf(x.shape.slice(a))]);
}

/** Insert a size-1 axis at `axis` (negative counts from the end of the result). A view. */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const [a] = normalizeAxes('unsqueeze', axis, x.rank + 1) as [number];
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Drop size-1 axes (all of them, or those in `axis`, which must have size 1). A view. */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes = axis === undefined ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes('squeeze', axis, x.rank);
  for (const a of axes) {
    if (x.shape[a] !== 1) throw new ShapeError('squeeze', `size 1 on axis ${a}`, `size ${x.shape[a]} in ${fmtShape(x.shape)}`);
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
}

/** Copy `x` broadcast (NumPy rules) up to `shape`; the gradient sums back. */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  const resolved = broadcastShapes('broadcastTo', x.shape, shape);
  if (!sameShape(resolved, shape)) {
    throw new ShapeError('broadcastTo', `a shape that ${fmtShape(x.shape)} broadcasts to`, fmtShape(shape));
  }
  const be = backendFor(x);
  const out = expandOn(be, x.storage, x.shape, shape);
  return record('broadcastTo', out === x.storage ? be.copy(out) : out, shape, [x], (g) => [reduceToShape(be, g, shape, x.shape)]);
}
