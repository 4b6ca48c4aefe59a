import type { Tensor } from '@evoprop/tensor';
import type { LossId } from '../contract/task.js';
import { RegistryError } from '../errors.js';
import { binaryCrossEntropyFromLogits, maskedSoftmaxCrossEntropyFromLogits, softmaxCrossEntropyFromLogits } from './cross-entropy.js';
import { huber, mae, mse } from './regression.js';

/** A loss: prediction and target in, scalar tensor out (differentiable in the prediction). */
export type LossFn = (prediction: Tensor, target: Tensor) => Tensor;

/** The losses a task can name, by `LossId`. */
export const losses: Readonly<Record<LossId, LossFn>> = {
  mse,
  mae,
  huber: (p, t) => huber(p, t),
  'binary-cross-entropy': (p, t) => binaryCrossEntropyFromLogits(p, t),
  'softmax-cross-entropy': (p, t) => softmaxCrossEntropyFromLogits(p, t),
  'masked-softmax-cross-entropy': (p, t) => maskedSoftmaxCrossEntropyFromLogits(p, t),
};

/** The loss function for a task's `loss` id. @example lossFor(task.loss)(model.forward(x), y) */
export function lossFor(id: LossId | string): LossFn {
  const f = (losses as Readonly<Record<string, LossFn>>)[id];
  if (f === undefined) throw new RegistryError('loss', `one of ${Object.keys(losses).join(', ')}`, `'${id}'`);
  return f;
}
