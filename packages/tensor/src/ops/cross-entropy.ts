import { record } from '../autograd.js';
import { backendFor, hostValues } from '../backend/dispatch.js';
import { ShapeError, ValueError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';

/** Options of the fused cross-entropy ops. */
export type CrossEntropyOpOptions = Readonly<{
  /** Per-class weights; the loss is Σ wᵧ·lossᵢ / Σ wᵧ (PyTorch's weighted mean). */
  classWeights?: ArrayLike<number>;
  /** The name errors report (a loss built on this op passes its own). Default: the op's name. */
  op?: string;
}>;

function checkWeights(op: string, weights: ArrayLike<number> | undefined, classes: number): void {
  if (weights !== undefined && weights.length !== classes) {
    throw new ShapeError(op, `classWeights with one weight per class (${classes})`, `${weights.length} weights`);
  }
}

/**
 * Mean softmax cross-entropy of logits [rows, classes] against class indices `labels` [rows]
 * (float-encoded integers, read on the host), fused: logsumexp(z) − z_y per row with the row max
 * subtracted, and the gradient softmax(z) − onehot(y). A fused kernel, because the float64
 * accumulation that keeps it exact and stable is not a composition of float32 primitives.
 * @example sparseSoftmaxCrossEntropy(logits, fromArray([2, 0]))
 */
export function sparseSoftmaxCrossEntropy(logits: Tensor, labels: Tensor, options: CrossEntropyOpOptions = {}): Tensor {
  const op = options.op ?? 'sparseSoftmaxCrossEntropy';
  if (logits.rank < 1 || labels.rank !== logits.rank - 1 || labels.shape.some((d, i) => d !== logits.shape[i])) {
    throw new ShapeError(
      op,
      `class-index targets of shape ${fmtShape(logits.shape.slice(0, -1))} for logits ${fmtShape(logits.shape)}`,
      fmtShape(labels.shape),
    );
  }
  const classes = logits.shape[logits.rank - 1] as number;
  const rows = labels.size;
  const w = options.classWeights;
  checkWeights(op, w, classes);
  const targets = hostValues(op, labels.storage);
  const indices = new Int32Array(rows);
  const rowWeight = new Float64Array(rows);
  let weightSum = 0;
  for (let r = 0; r < rows; r++) {
    const y = targets[r] as number;
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new ValueError(op, `class indices in 0..${classes - 1}`, `${y} at row ${r}`);
    }
    indices[r] = y;
    const wy = w === undefined ? 1 : (w[y] as number);
    rowWeight[r] = wy;
    weightSum += wy;
  }
  const norm = weightSum > 0 ? weightSum : 1;
  const be = backendFor(logits);
  const probs = be.alloc(logits.size);
  const loss = be.alloc(1);
  be.softmaxCrossEntropy(logits.storage, rows, classes, indices, rowWeight, norm, probs, loss);
  return record(op, loss, [], [logits], (g) => {
    const gx = be.alloc(logits.size);
    be.softmaxCrossEntropyBackward(g, probs, rows, classes, indices, rowWeight, norm, gx);
    return [gx];
  });
}

/**
 * Mean binary cross-entropy from logits against targets in [0, 1] of the same shape (read on
 * the host), fused in the stable form max(z, 0) − z·y + log(1 + e^−|z|). With
 * `classWeights: [w0, w1]` each element is weighted by w0·(1 − y) + w1·y and the result is the
 * weighted mean.
 * @example sigmoidCrossEntropy(logits, fromArray([1, 0, 1]))
 */
export function sigmoidCrossEntropy(logits: Tensor, targets: Tensor, options: CrossEntropyOpOptions = {}): Tensor {
  const op = options.op ?? 'sigmoidCrossEntropy';
  if (targets.size !== logits.size) throw new ShapeError(op, `targets with ${logits.size} elements`, fmtShape(targets.shape));
  const w = options.classWeights;
  checkWeights(op, w, 2);
  const t = hostValues(op, targets.storage);
  const n = logits.size;
  const weights = new Float64Array(n);
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const ti = t[i] as number;
    if (!(ti >= 0 && ti <= 1)) throw new ValueError(op, 'targets in [0, 1]', `${ti} at index ${i}`);
    const wi = w === undefined ? 1 : (w[0] as number) * (1 - ti) + (w[1] as number) * ti;
    weights[i] = wi;
    weightSum += wi;
  }
  const norm = weightSum > 0 ? weightSum : 1;
  const be = backendFor(logits, targets);
  const loss = be.alloc(1);
  be.binaryCrossEntropy(logits.storage, targets.storage, weights, norm, loss);
  return record(op, loss, [], [logits], (g) => {
    const gx = be.alloc(n);
    be.binaryCrossEntropyBackward(g, logits.storage, targets.storage, weights, norm, gx);
    return [gx];
  });
}
