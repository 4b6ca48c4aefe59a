import { type Shape, broadcastShapes, broadcastStrides, sameShape, sizeOf } from '../shape.js';

/**
 * Apply `f` elementwise over two broadcast operands. Fast paths for equal shapes and
 * for a trailing-dimension operand (the bias-add case); a strided walk otherwise.
 */
export function broadcastBinary(
  op: string,
  a: Float32Array,
  aShape: Shape,
  b: Float32Array,
  bShape: Shape,
  f: (x: number, y: number) => number,
): { data: Float32Array; shape: number[] } {
  const shape = broadcastShapes(op, aShape, bShape);
  const n = sizeOf(shape);
  const out = new Float32Array(n);
  if (sameShape(aShape, bShape)) {
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, b[i] as number);
  } else if (b.length === 1) {
    const y = b[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, y);
  } else if (a.length === 1) {
    const x = a[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i] as number);
  } else if (a.length === n && isTrailing(bShape, shape)) {
    const m = b.length;
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, b[i % m] as number);
  } else {
    const sa = broadcastStrides(aShape, shape);
    const sb = broadcastStrides(bShape, shape);
    walk(shape, sa, sb, (i, ia, ib) => {
      out[i] = f(a[ia] as number, b[ib] as number);
    });
  }
  return { data: out, shape };
}

/** True when `small` equals the trailing dimensions of `big` (leading 1s allowed). */
function isTrailing(small: Shape, big: Shape): boolean {
  let s = small.length - 1;
  let b = big.length - 1;
  while (s >= 0 && small[s] === big[b]) {
    s--;
    b--;
  }
  for (; s >= 0; s--) if (small[s] !== 1) return false;
  return true;
}

/** Visit every index of `shape`, with the matching offsets under two stride sets. */
export function walk(shape: Shape, sa: readonly number[], sb: readonly number[], visit: (i: number, ia: number, ib: number) => void): void {
  const rank = shape.length;
  const n = sizeOf(shape);
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < n; i++) {
    visit(i, ia, ib);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      ia += sa[d] as number;
      ib += sb[d] as number;
      if ((idx[d] as number) < (shape[d] as number)) break;
      ia -= (sa[d] as number) * (shape[d] as number);
      ib -= (sb[d] as number) * (shape[d] as number);
      idx[d] = 0;
    }
  }
}

/** Sum a gradient of shape `from` down to the broadcast source shape `to`. */
export function reduceToShape(grad: Float32Array, from: Shape, to: Shape): Float32Array {
  if (sameShape(from, to)) return grad;
  const out = new Float32Array(sizeOf(to));
  if (out.length === 1) {
    let s = 0;
    for (let i = 0; i < grad.length; i++) s += grad[i] as number;
    out[0] = s;
    return out;
  }
  if (isTrailing(to, from)) {
    const m = out.length;
    for (let i = 0; i < grad.length; i++) out[i % m] += grad[i] as number;
    return out;
  }
  const st = broadcastStrides(to, from);
  walk(from, st, st, (i, it) => {
    out[it] += grad[i] as number;
  });
  return out;
}
