import { recordFlops } from '../cost/flop-meter.js';
import { type Shape, sizeOf } from '../shape.js';
import { broadcastStridesOf, coalesce } from './js-elementwise.js';
import type { AdamStep, CompareKind, Kernels } from './kernels.js';

// The kernels below are the loops the ops used to run on `.data` themselves, moved here
// unchanged (same arithmetic, same FLOP counts), so every seeded result stays bit-identical.

export function jsAccumulate(into: Float32Array, from: Float32Array): void {
  for (let i = 0; i < into.length; i++) into[i] += from[i];
}

export const jsStrided: Kernels['strided'] = (mode, strided, offset, strides, shape, dense) => {
  const n = sizeOf(shape);
  if (n === 0) return;
  const denseStrides: number[] = [];
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    denseStrides[d] = s;
    s *= shape[d];
  }
  const c = coalesce(shape, [[...strides], denseStrides]);
  const cs = c.shape;
  const ss = c.strides[0] as number[];
  const rank = cs.length;
  const len = cs[rank - 1];
  const step = ss[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let off = offset;
  for (let i = 0; i < n; i += len) {
    if (mode === 'gather') for (let j = 0, o = off; j < len; j++, o += step) dense[i + j] = strided[o];
    else if (mode === 'scatter') for (let j = 0, o = off; j < len; j++, o += step) strided[o] = dense[i + j];
    else for (let j = 0, o = off; j < len; j++, o += step) strided[o] += dense[i + j];
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      off += ss[d];
      if (idx[d] < cs[d]) break;
      off -= ss[d] * cs[d];
      idx[d] = 0;
    }
  }
};

/** `data` of `shape` broadcast to `outShape` (itself when the shapes are equal). */
export function jsExpand(data: Float32Array, shape: Shape, outShape: Shape): Float32Array {
  if (shape.length === outShape.length && shape.every((d, i) => d === outShape[i])) return data;
  const out = new Float32Array(sizeOf(outShape));
  jsStrided('gather', data, 0, broadcastStridesOf(shape, outShape), outShape, out);
  return out;
}

const tests: Record<CompareKind, (p: number, q: number) => boolean> = {
  equal: (p, q) => p === q,
  greater: (p, q) => p > q,
  greaterEqual: (p, q) => p >= q,
  less: (p, q) => p < q,
  lessEqual: (p, q) => p <= q,
};

export const jsCompare: Kernels['compare'] = (kind, a, aShape, b, bShape, out, outShape) => {
  const xe = jsExpand(a, aShape, outShape);
  const ye = jsExpand(b, bShape, outShape);
  const test = tests[kind];
  recordFlops(out.length);
  for (let i = 0; i < out.length; i++) out[i] = test(xe[i], ye[i]) ? 1 : 0;
};

export const jsWhere: Kernels['where'] = (c, cShape, a, aShape, b, bShape, out, outShape) => {
  const ce = jsExpand(c, cShape, outShape);
  const xe = jsExpand(a, aShape, outShape);
  const ye = jsExpand(b, bShape, outShape);
  recordFlops(out.length);
  for (let i = 0; i < out.length; i++) out[i] = ce[i] !== 0 ? xe[i] : ye[i];
};

export function jsClamp(x: Float32Array, lo: number, hi: number, out: Float32Array): void {
  recordFlops(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.min(Math.max(x[i], lo), hi);
}

export const jsBinaryBackward: Kernels['binaryBackward'] = (kind, a, aShape, b, bShape, y, g, outShape, ga, gb) => {
  const xe = jsExpand(a, aShape, outShape);
  const ye = jsExpand(b, bShape, outShape);
  const n = g.length;
  if (kind === 'pow') {
    recordFlops(4 * n);
    // NOTE: ∂/∂b = g·aᵇ·ln a is NaN for a < 0 (as in PyTorch) and taken as 0 where a = 0.
    if (ga) for (let i = 0; i < n; i++) ga[i] = ye[i] === 0 ? 0 : g[i] * ye[i] * xe[i] ** (ye[i] - 1);
    if (gb) for (let i = 0; i < n; i++) gb[i] = xe[i] === 0 ? 0 : g[i] * y[i] * Math.log(xe[i]);
    return;
  }
  // The winner takes the gradient, a tie splits it (as PyTorch).
  const sign = kind === 'maximum' ? 1 : -1;
  recordFlops(2 * n);
  for (let i = 0; i < n; i++) {
    const d = sign * (xe[i] - ye[i]);
    const wx = d > 0 ? 1 : d < 0 ? 0 : 0.5;
    if (ga) ga[i] = g[i] * wx;
    if (gb) gb[i] = g[i] * (1 - wx);
  }
};

export function jsScatterAdd(g: Float32Array, index: Int32Array, out: Float32Array): void {
  for (let i = 0; i < index.length; i++) if (index[i] >= 0) out[index[i]] += g[i];
}

export function jsGatherRows(x: Float32Array, outer: number, dim: number, inner: number, index: Int32Array, out: Float32Array): void {
  const k = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const src = (o * dim + index[j]) * inner;
      out.set(x.subarray(src, src + inner), (o * k + j) * inner);
    }
  }
}

export const jsGatherRowsBackward: Kernels['gatherRowsBackward'] = (g, outer, dim, inner, index, out) => {
  const k = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const dst = (o * dim + index[j]) * inner;
      const src = (o * k + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] += g[src + i];
    }
  }
};

export function jsMap(x: Float32Array, f: (v: number) => number, out: Float32Array): void {
  recordFlops(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
}

export const jsMapBackward: Kernels['mapBackward'] = (x, y, g, df, out) => {
  for (let i = 0; i < x.length; i++) out[i] = g[i] * df(x[i], y[i]);
};

export function jsMovingAverage(running: Float32Array, batch: Float32Array, momentum: number, scale: number): void {
  const m = momentum;
  for (let c = 0; c < running.length; c++) running[c] = (1 - m) * running[c] + m * batch[c] * scale;
}

export function jsBiasGrad(g: Float32Array, n: number, o: number, l: number, out: Float32Array): void {
  recordFlops(g.length);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < o; c++) {
      const base = (i * o + c) * l;
      let s = 0;
      for (let p = 0; p < l; p++) s += g[base + p];
      out[c] += s;
    }
  }
}

/**
 * The plain fused Adam step: the arithmetic of the unfused chain (scaleByAdam, then decay, then
 * the learning rate), float64 with a float32 rounding after each link, so it is bit-identical to it.
 */
export function jsAdam(g: Float32Array, mu: Float32Array, nu: Float32Array, p: Float32Array, out: Float32Array, s: AdamStep): void {
  const { b1, b2, eps, c1, c2, weightDecay: wd, scale } = s;
  const n = g.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const m = b1 * mu[i] + (1 - b1) * gi;
    const v = b2 * nu[i] + (1 - b2) * gi * gi;
    mu[i] = m;
    nu[i] = v;
    let u = Math.fround(m / c1 / (Math.sqrt(v / c2) + eps));
    if (wd !== 0) u = Math.fround(u + wd * p[i]);
    out[i] = scale === 1 ? u : scale * u;
  }
  recordFlops((12 + (wd !== 0 ? 2 : 0) + (scale !== 1 ? 1 : 0)) * n);
}
