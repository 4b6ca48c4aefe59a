import { ShapeError, ValueError, fmtShape } from './errors.js';

/** Dimensions of a tensor, outermost first; non-negative integers, `[]` for a scalar. */
export type Shape = readonly number[];

/** Number of elements of a tensor of this shape (the product of its dimensions; 1 for `[]`). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides in elements: `stridesOf([2, 3, 4])` is `[12, 4, 1]`. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  return strides;
}

export function checkShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ValueError(op, 'a shape of non-negative integers', fmtShape(shape));
  }
}

export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** NumPy broadcasting of two shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(op, 'shapes that broadcast (equal or 1 in every trailing dimension)', `${fmtShape(a)} and ${fmtShape(b)}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` when broadcast to `outShape` (0 on broadcast dimensions). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  const out = new Array<number>(outShape.length).fill(0);
  const offset = outShape.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + offset] = shape[i] === 1 ? 0 : (strides[i] as number);
  return out;
}

/** Normalise `axis` (number, list or undefined = all) into sorted, unique, non-negative axes. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  const out = new Set<number>();
  for (const a of list) {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new ShapeError(op, `an axis in [${-rank}, ${rank - 1}]`, String(a));
    }
    out.add(a < 0 ? a + rank : a);
  }
  return [...out].sort((x, y) => x - y);
}
