import { recordFlops } from '../cost/flop-meter.js';
import { type Shape, sizeOf, stridesOf } from '../shape.js';
import type { ReduceKind } from './kernels.js';

const initial = (kind: ReduceKind): number => (kind === 'sum' ? 0 : kind === 'max' ? -Infinity : Infinity);

/** Flat offsets of every index over `dims` of a tensor with `strides`, in row-major order. */
function offsets(shape: Shape, strides: readonly number[], dims: readonly number[]): Int32Array {
  const n = sizeOf(dims.map((d) => shape[d]));
  const out = new Int32Array(n);
  const idx = new Array<number>(dims.length).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let k = dims.length - 1; k >= 0; k--) {
      const d = dims[k];
      idx[k]++;
      off += strides[d];
      if (idx[k] < shape[d]) break;
      off -= strides[d] * shape[d];
      idx[k] = 0;
    }
  }
  return out;
}

export function jsReduce(
  kind: ReduceKind,
  x: Float32Array,
  shape: Shape,
  axes: readonly number[],
  out: Float32Array,
  argOut?: Int32Array,
): void {
  recordFlops(x.length);
  out.fill(initial(kind));
  argOut?.fill(-1);
  if (x.length === 0) return;
  const contiguous = axes.length > 0 && axes.every((a, i) => a === axes[0] + i);
  if (axes.length === 0) {
    out.set(x);
    argOut?.forEach((_, i, arr) => {
      arr[i] = i;
    });
    return;
  }
  if (contiguous) {
    // x viewed as [outer, r, inner]; walk r in the middle so inner stays contiguous.
    const outer = sizeOf(shape.slice(0, axes[0]));
    const r = sizeOf(shape.slice(axes[0], axes[axes.length - 1] + 1));
    const inner = sizeOf(shape.slice(axes[axes.length - 1] + 1));
    for (let o = 0; o < outer; o++) {
      const ob = o * inner;
      const xb = o * r * inner;
      if (kind === 'sum') {
        if (inner === 1) {
          let s = 0;
          for (let p = 0; p < r; p++) s += x[xb + p];
          out[ob] = s;
        } else {
          for (let p = 0; p < r; p++) {
            const xp = xb + p * inner;
            for (let j = 0; j < inner; j++) out[ob + j] += x[xp + j];
          }
        }
      } else {
        const isMax = kind === 'max';
        for (let p = 0; p < r; p++) {
          const xp = xb + p * inner;
          for (let j = 0; j < inner; j++) {
            const v = x[xp + j];
            const cur = out[ob + j];
            // NaN wins, as in NumPy: once the slot holds NaN nothing replaces it.
            if ((isMax ? v > cur : v < cur) || (v !== v && cur === cur) || (argOut !== undefined && argOut[ob + j] < 0)) {
              out[ob + j] = v;
              if (argOut !== undefined) argOut[ob + j] = xp + j;
            }
          }
        }
      }
    }
    return;
  }
  const strides = stridesOf(shape);
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const keptOff = offsets(shape, strides, kept);
  const redOff = offsets(shape, strides, axes);
  const isMax = kind === 'max';
  for (let o = 0; o < keptOff.length; o++) {
    const base = keptOff[o];
    if (kind === 'sum') {
      let s = 0;
      for (let p = 0; p < redOff.length; p++) s += x[base + redOff[p]];
      out[o] = s;
    } else {
      let best = x[base + redOff[0]];
      let at = base + redOff[0];
      for (let p = 1; p < redOff.length; p++) {
        const v = x[base + redOff[p]];
        if ((isMax ? v > best : v < best) || (v !== v && best === best)) {
          best = v;
          at = base + redOff[p];
        }
      }
      out[o] = best;
      if (argOut !== undefined) argOut[o] = at;
    }
  }
}

export function jsSoftmax(x: Float32Array, outer: number, dim: number, inner: number, out: Float32Array, log: boolean): void {
  recordFlops(4 * outer * dim * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * dim * inner + j;
      // Subtract the max first so exp never overflows (the usual stable form).
      let m = -Infinity;
      for (let p = 0, i = base; p < dim; p++, i += inner) if (x[i] > m) m = x[i];
      if (m === -Infinity) m = 0;
      let s = 0;
      for (let p = 0, i = base; p < dim; p++, i += inner) s += Math.exp(x[i] - m);
      if (log) {
        const lse = m + Math.log(s);
        for (let p = 0, i = base; p < dim; p++, i += inner) out[i] = x[i] - lse;
      } else {
        const inv = 1 / s;
        for (let p = 0, i = base; p < dim; p++, i += inner) out[i] = Math.exp(x[i] - m) * inv;
      }
    }
  }
}

export function jsSoftmaxBackward(
  y: Float32Array,
  g: Float32Array,
  outer: number,
  dim: number,
  inner: number,
  out: Float32Array,
  log: boolean,
): void {
  recordFlops(4 * outer * dim * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * dim * inner + j;
      let s = 0;
      if (log) {
        // d logsoftmax: gx = g − softmax · Σg
        for (let p = 0, i = base; p < dim; p++, i += inner) s += g[i];
        for (let p = 0, i = base; p < dim; p++, i += inner) out[i] = g[i] - Math.exp(y[i]) * s;
      } else {
        // d softmax: gx = y ⊙ (g − ⟨g, y⟩)
        for (let p = 0, i = base; p < dim; p++, i += inner) s += g[i] * y[i];
        for (let p = 0, i = base; p < dim; p++, i += inner) out[i] = y[i] * (g[i] - s);
      }
    }
  }
}
