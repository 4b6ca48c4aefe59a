import { recordFlops } from '../cost/flop-meter.js';
import { type Shape, sizeOf, stridesOf } from '../shape.js';
import type { BinaryKind, UnaryKind, Kernels } from './kernels.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2 = 1 / Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** erf to ~1e-15 relative (Numerical Recipes 3rd ed., §6.2.2, p. 264: erfc by a Chebyshev fit). */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  const cof = ERFC_COF;
  let d = 0;
  let dd = 0;
  for (let j = cof.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + (cof[j] as number);
    dd = tmp;
  }
  const erfc = t * Math.exp(-z * z + 0.5 * ((cof[0] as number) + ty * d) - dd);
  return x >= 0 ? 1 - erfc : erfc - 1;
}

const ERFC_COF = [
  -1.3026537197817094, 0.6419697923564902, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4, 3.66839497852761e-4,
  4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
  5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
  3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

const sigmoid = (v: number): number => {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
};

export function jsUnary(kind: UnaryKind, x: Float32Array, out: Float32Array, alpha: number): void {
  const n = x.length;
  recordFlops(n);
  switch (kind) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = Math.max(x[i], 0); // NaN stays NaN, as in PyTorch
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = sigmoid(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      return;
    case 'square':
      for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
      return;
    case 'leakyRelu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : alpha * x[i];
      return;
    case 'elu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]);
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) out[i] = 0.5 * x[i] * (1 + erf(x[i] * INV_SQRT_2));
      return;
    case 'geluTanh':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
      }
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) out[i] = Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i])));
      return;
  }
}

export const jsUnaryBackward: Kernels['unaryBackward'] = (kind, x, y, g, out, alpha) => {
  const n = x.length;
  recordFlops(2 * n);
  switch (kind) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -g[i];
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = g[i] * y[i];
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = g[i] / x[i];
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = g[i] * (1 - y[i] * y[i]);
      return;
    case 'relu':
      // NOTE: the derivative at exactly 0 is taken as 0, as in PyTorch.
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = g[i] * y[i] * (1 - y[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = (0.5 * g[i]) / y[i];
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0;
      return;
    case 'square':
      for (let i = 0; i < n; i++) out[i] = 2 * g[i] * x[i];
      return;
    case 'leakyRelu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : alpha * g[i];
      return;
    case 'elu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : g[i] * (y[i] + alpha);
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        out[i] = g[i] * (0.5 * (1 + erf(v * INV_SQRT_2)) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
      }
      return;
    case 'geluTanh':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        const t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
        out[i] = g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v));
      }
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) out[i] = g[i] * sigmoid(x[i]);
      return;
  }
};

/** True when `small` equals the trailing dimensions of `big` (leading 1s allowed). */
function isTrailing(small: Shape, big: Shape): boolean {
  let s = small.length - 1;
  let b = big.length - 1;
  while (s >= 0 && b >= 0 && small[s] === big[b]) {
    s--;
    b--;
  }
  for (; s >= 0; s--) if (small[s] !== 1) return false;
  return true;
}

/** One strided row of a binary op; the switch sits outside the element loop. */
function binaryRow(
  kind: BinaryKind,
  a: Float32Array,
  ia: number,
  sa: number,
  b: Float32Array,
  ib: number,
  sb: number,
  out: Float32Array,
  io: number,
  len: number,
): void {
  const end = io + len;
  switch (kind) {
    case 'add':
      for (let o = io; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] + b[ib];
      return;
    case 'sub':
      for (let o = io; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] - b[ib];
      return;
    case 'mul':
      for (let o = io; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] * b[ib];
      return;
    case 'div':
      for (let o = io; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] / b[ib];
      return;
    case 'pow':
      for (let o = io; o < end; o++, ia += sa, ib += sb) out[o] = a[ia] ** b[ib];
      return;
    case 'maximum':
      for (let o = io; o < end; o++, ia += sa, ib += sb) out[o] = Math.max(a[ia], b[ib]);
      return;
    case 'minimum':
      for (let o = io; o < end; o++, ia += sa, ib += sb) out[o] = Math.min(a[ia], b[ib]);
      return;
  }
}

/** Strides of `shape` broadcast to `outShape` (0 on broadcast dimensions). */
export function broadcastStridesOf(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  const out = new Array<number>(outShape.length).fill(0);
  const offset = outShape.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + offset] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/**
 * Merge adjacent dimensions that are contiguous for every operand, so [32, 10] + [10]
 * becomes one pass over rows of 10 instead of an odometer step per element.
 */
export function coalesce(shape: Shape, strideSets: number[][]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strideSets.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strideSets.every((s, k) => outStrides[k][last] === s[d] * size)) {
      outShape[last] *= size;
      strideSets.forEach((s, k) => {
        outStrides[k][last] = s[d];
      });
    } else {
      outShape.push(size);
      strideSets.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    outStrides.forEach((s) => s.push(0));
  }
  return { shape: outShape, strides: outStrides };
}

export const jsBinary: Kernels['binary'] = (kind, a, aShape, b, bShape, out, outShape) => {
  const n = sizeOf(outShape);
  recordFlops(n);
  if (n === 0) return;
  // Fast paths before any bookkeeping: equal sizes (hence equal shapes) and scalar operands.
  if (a.length === n && (b.length === n || b.length === 1)) {
    binaryRow(kind, a, 0, 1, b, 0, b.length === n ? 1 : 0, out, 0, n);
    return;
  }
  if (a.length === 1 && b.length === n) {
    binaryRow(kind, a, 0, 0, b, 0, 1, out, 0, n);
    return;
  }
  // The bias-add case: b matches the trailing dimensions of a.
  if (a.length === n && isTrailing(bShape, outShape)) {
    const m = b.length;
    for (let o = 0; o < n; o += m) binaryRow(kind, a, o, 1, b, 0, 1, out, o, m);
    return;
  }
  const { shape, strides } = coalesce(outShape, [broadcastStridesOf(aShape, outShape), broadcastStridesOf(bShape, outShape)]);
  const [sa, sb] = strides as [number[], number[]];
  const rank = shape.length;
  const len = shape[rank - 1];
  const la = sa[rank - 1];
  const lb = sb[rank - 1];
  if (rank === 1) {
    binaryRow(kind, a, 0, la, b, 0, lb, out, 0, len);
    return;
  }
  const idx = new Array<number>(rank - 1).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += len) {
    binaryRow(kind, a, ia, la, b, ib, lb, out, o, len);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < shape[d]) break;
      ia -= sa[d] * shape[d];
      ib -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
};
