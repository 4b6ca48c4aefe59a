import { type Tensor, sigmoidCrossEntropy, sparseSoftmaxCrossEntropy } from '@evoprop/tensor';
import { alignTarget } from './align.js';

/** Options of the cross-entropy losses. */
export type CrossEntropyOptions = Readonly<{
  /** Per-class weights; the loss is Σ wᵧ·lossᵢ / Σ wᵧ (PyTorch's weighted mean). */
  classWeights?: ArrayLike<number>;
}>;

/**
 * Softmax cross-entropy from logits [..., classes] and class-index targets [...]
 * (float-encoded integers). Computed as logsumexp(z) − z_y with the row maximum
 * subtracted, so logits of 1e4 do not overflow; the gradient is softmax(z) − onehot(y).
 * Runs on the backend's fused kernel, which charges its FLOPs.
 *
 * @example softmaxCrossEntropyFromLogits(model.forward(x), y) // y: [n] class indices
 */
export function softmaxCrossEntropyFromLogits(logits: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  return sparseSoftmaxCrossEntropy(logits, target, { ...options, op: 'softmaxCrossEntropyFromLogits' });
}

/**
 * Binary cross-entropy from logits, stable form max(z, 0) − z·y + log(1 + e^−|z|).
 * Targets in [0, 1] with the logits' shape ([n] accepted for [n, 1]). With
 * `classWeights: [w0, w1]` each element is weighted by w0·(1 − y) + w1·y and the
 * result is the weighted mean.
 */
export function binaryCrossEntropyFromLogits(logits: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const op = 'binaryCrossEntropyFromLogits';
  return sigmoidCrossEntropy(logits, alignTarget(op, logits, target), { ...options, op });
}

/**
 * Softmax cross-entropy where class 0 is padding: rows whose target is 0 carry no loss and do not
 * count in the mean (PyTorch's `ignore_index`, here as a zero class weight), so a batch of
 * sequences padded to one length is scored per real token. All-padding batches give 0.
 *
 * @example maskedSoftmaxCrossEntropyFromLogits(logits, fromArray([[3, 1, 0, 0]])) // mean over the first two steps
 */
export function maskedSoftmaxCrossEntropyFromLogits(logits: Tensor, target: Tensor): Tensor {
  const classes = logits.shape[logits.rank - 1] ?? 0;
  const classWeights = new Float64Array(classes).fill(1);
  if (classes > 0) classWeights[0] = 0;
  return sparseSoftmaxCrossEntropy(logits, target, { classWeights, op: 'maskedSoftmaxCrossEntropyFromLogits' });
}
