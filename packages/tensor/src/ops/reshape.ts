import { result } from '../autograd.js';
import { ShapeError, fmtShape } from '../errors.js';
import { type Shape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

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
    throw new ShapeError('reshape', `a shape with ${x.size} elements (from ${fmtShape(x.shape)})`, `${fmtShape(resolved)} with ${sizeOf(resolved)}`);
  }
  return result('reshape', x.data, resolved, [x], (g) => [g]);
}
