import { recordFlops } from '../cost/flop-meter.js';
import type { Kernels } from './kernels.js';
import { type Shape, sizeOf } from '../shape.js';
import { jsExpand } from './js-misc.js';
import { jsReduce } from './js-reduce.js';

export function jsLogsumexp(x: Float32Array, shape: Shape, axes: readonly number[], keptShape: Shape, out: Float32Array): void {
  const m = new Float32Array(out.length);
  jsReduce('max', x, shape, axes, m);
  for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i])) m[i] = 0;
  const me = jsExpand(m, keptShape, shape);
  const e = new Float32Array(x.length);
  recordFlops(2 * x.length + 2 * m.length); // subtract and exp per element; add and log per result
  for (let i = 0; i < e.length; i++) e[i] = Math.exp(x[i] - me[i]);
  jsReduce('sum', e, shape, axes, out);
  for (let i = 0; i < out.length; i++) out[i] = m[i] + Math.log(out[i]);
}

export const jsLogsumexpBackward: Kernels['logsumexpBackward'] = (x, shape, lse, g, keptShape, gx) => {
  // d lse / dx = softmax(x) = exp(x − lse)
  const ge = jsExpand(g, keptShape, shape);
  const le = jsExpand(lse, keptShape, shape);
  recordFlops(3 * sizeOf(shape));
  for (let i = 0; i < gx.length; i++) gx[i] = ge[i] * Math.exp(x[i] - le[i]);
};

// Cross-entropy FLOPs, counted like the other kernels (a transcendental counts 1): forward
// per logit max, subtract, exp, add, divide (5) and per row log, add, subtract, weight (4);
// backward per logit subtract and scale (2).
export const jsSoftmaxCrossEntropy: Kernels['softmaxCrossEntropy'] = (logits, rows, classes, labels, rowWeight, norm, probs, loss) => {
  recordFlops(5 * rows * classes + 4 * rows);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, logits[o + c]);
    let s = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(logits[o + c] - m);
      probs[o + c] = e;
      s += e;
    }
    for (let c = 0; c < classes; c++) probs[o + c] = probs[o + c] / s;
    total += rowWeight[r] * (m + Math.log(s) - logits[o + labels[r]]);
  }
  loss[0] = total / norm;
};

export const jsSoftmaxCrossEntropyBackward: Kernels['softmaxCrossEntropyBackward'] = (
  g,
  probs,
  rows,
  classes,
  labels,
  rowWeight,
  norm,
  out,
) => {
  recordFlops(2 * rows * classes);
  const scale = g[0] / norm;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    const k = scale * rowWeight[r];
    for (let c = 0; c < classes; c++) out[o + c] = k * (probs[o + c] - (c === labels[r] ? 1 : 0));
  }
};

// Binary cross-entropy FLOPs: forward per element max, multiply, subtract, abs, exp, log1p,
// add and weight (8); backward per element exp, add, divide, subtract and two scalings (6).
export function jsBinaryCrossEntropy(z: Float32Array, t: Float32Array, weights: Float64Array, norm: number, loss: Float32Array): void {
  const n = z.length;
  recordFlops(8 * n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const zi = z[i];
    total += weights[i] * (Math.max(zi, 0) - zi * t[i] + Math.log1p(Math.exp(-Math.abs(zi))));
  }
  loss[0] = total / norm;
}

export const jsBinaryCrossEntropyBackward: Kernels['binaryCrossEntropyBackward'] = (g, z, t, weights, norm, out) => {
  const n = z.length;
  recordFlops(6 * n);
  const scale = g[0] / norm;
  for (let i = 0; i < n; i++) {
    const zi = z[i];
    const s = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
    out[i] = scale * weights[i] * (s - t[i]);
  }
};
