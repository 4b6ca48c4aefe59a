import { record } from '../autograd.js';
import { backendForAll } from '../backend/dispatch.js';
import { ShapeError, fmtShape } from '../errors.js';
import { normalizeAxes, sizeOf, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';

/**
 * Join tensors along an existing axis; all other dimensions must match.
 * @example concat([a, b], 1) // [2, 3] + [2, 4] → [2, 7]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('concat', 'at least one tensor', 'none');
  const first = tensors[0];
  const [a] = normalizeAxes('concat', axis, first.rank) as [number];
  for (const t of tensors) {
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new ShapeError('concat', `shapes matching ${fmtShape(first.shape)} except on axis ${a}`, fmtShape(t.shape));
    }
  }
  const shape = [...first.shape];
  shape[a] = tensors.reduce((s, t) => s + t.shape[a], 0);
  const strides = stridesOf(shape);
  const be = backendForAll(tensors);
  const out = be.alloc(sizeOf(shape));
  const offsets: number[] = [];
  let at = 0;
  for (const t of tensors) {
    offsets.push(at * strides[a]);
    be.strided('scatter', out, at * strides[a], strides, t.shape, t.storage);
    at += t.shape[a];
  }
  return record('concat', out, shape, tensors, (g) =>
    tensors.map((t, k) => {
      if (!t.requiresGrad) return null;
      const gt = be.alloc(t.size);
      be.strided('gather', g, offsets[k], strides, t.shape, gt);
      return gt;
    }),
  );
}

/**
 * Join equally-shaped tensors along a new axis.
 * @example stack([a, b]) // two [3] → [2, 3]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('stack', 'at least one tensor', 'none');
  const first = tensors[0];
  const [a] = normalizeAxes('stack', axis, first.rank + 1) as [number];
  for (const t of tensors) {
    if (t.rank !== first.rank || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError('stack', `every shape equal to ${fmtShape(first.shape)}`, fmtShape(t.shape));
    }
  }
  const expanded = [...first.shape.slice(0, a), 1, ...first.shape.slice(a)];
  return concat(
    tensors.map((t) => reshape(t, expanded)),
    a,
  );
}
