import { ShapeError, type Tensor, ValueError, result } from '@evoprop/tensor';
import { fmtShape } from '../format.js';
import { alignTarget } from './align.js';

/** Options of the cross-entropy losses. */
export type CrossEntropyOptions = Readonly<{
  /** Per-class weights; the loss is Σ wᵧ·lossᵢ / Σ wᵧ (PyTorch's weighted mean). */
  classWeights?: ArrayLike<number>;
}>;

function checkWeights(op: string, weights: ArrayLike<number> | undefined, classes: number): void {
  if (weights !== undefined && weights.length !== classes) {
    throw new ShapeError(op, `classWeights with one weight per class (${classes})`, `${weights.length} weights`);
  }
}

/**
 * Softmax cross-entropy from logits [..., classes] and class-index targets [...]
 * (float-encoded integers). Computed as logsumexp(z) − z_y with the row maximum
 * subtracted, so logits of 1e4 do not overflow; the gradient is softmax(z) − onehot(y).
 *
 * @example softmaxCrossEntropyFromLogits(model.forward(x), y) // y: [n] class indices
 */
export function softmaxCrossEntropyFromLogits(logits: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const op = 'softmaxCrossEntropyFromLogits';
  if (logits.rank < 1 || target.rank !== logits.rank - 1 || target.shape.some((d, i) => d !== logits.shape[i])) {
    throw new ShapeError(
      op,
      `class-index targets of shape ${fmtShape(logits.shape.slice(0, -1))} for logits ${fmtShape(logits.shape)}`,
      fmtShape(target.shape),
    );
  }
  const classes = logits.shape[logits.rank - 1] as number;
  const rows = target.size;
  const w = options.classWeights;
  checkWeights(op, w, classes);
  const probs = new Float32Array(logits.size);
  const labels = new Int32Array(rows);
  const rowWeight = new Float64Array(rows);
  let total = 0;
  let weightSum = 0;
  for (let r = 0; r < rows; r++) {
    const y = target.data[r] as number;
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new ValueError(op, `class indices in 0..${classes - 1}`, `${y} at row ${r}`);
    }
    labels[r] = y;
    const o = r * classes;
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, logits.data[o + c] as number);
    let s = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp((logits.data[o + c] as number) - m);
      probs[o + c] = e;
      s += e;
    }
    for (let c = 0; c < classes; c++) probs[o + c] = (probs[o + c] as number) / s;
    const wy = w === undefined ? 1 : (w[y] as number);
    rowWeight[r] = wy;
    weightSum += wy;
    total += wy * (m + Math.log(s) - (logits.data[o + y] as number));
  }
  const norm = weightSum > 0 ? weightSum : 1;
  return result(op, new Float32Array([total / norm]), [], [logits], (g) => {
    const scale = (g[0] as number) / norm;
    const gx = new Float32Array(logits.size);
    for (let r = 0; r < rows; r++) {
      const o = r * classes;
      const k = scale * (rowWeight[r] as number);
      for (let c = 0; c < classes; c++) gx[o + c] = k * ((probs[o + c] as number) - (c === labels[r] ? 1 : 0));
    }
    return [gx];
  });
}

/**
 * Binary cross-entropy from logits, stable form max(z, 0) − z·y + log(1 + e^−|z|).
 * Targets in [0, 1] with the logits' shape ([n] accepted for [n, 1]). With
 * `classWeights: [w0, w1]` each element is weighted by w0·(1 − y) + w1·y and the
 * result is the weighted mean.
 */
export function binaryCrossEntropyFromLogits(logits: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const op = 'binaryCrossEntropyFromLogits';
  const y = alignTarget(op, logits, target);
  const w = options.classWeights;
  checkWeights(op, w, 2);
  const n = logits.size;
  const weights = new Float64Array(n);
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const z = logits.data[i] as number;
    const t = y.data[i] as number;
    if (!(t >= 0 && t <= 1)) throw new ValueError(op, 'targets in [0, 1]', `${t} at index ${i}`);
    const wi = w === undefined ? 1 : (w[0] as number) * (1 - t) + (w[1] as number) * t;
    weights[i] = wi;
    weightSum += wi;
    total += wi * (Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z))));
  }
  const norm = weightSum > 0 ? weightSum : 1;
  return result(op, new Float32Array([total / norm]), [], [logits], (g) => {
    const scale = (g[0] as number) / norm;
    const gx = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const z = logits.data[i] as number;
      const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      gx[i] = scale * (weights[i] as number) * (s - (y.data[i] as number));
    }
    return [gx];
  });
}
