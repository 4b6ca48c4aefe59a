import { ShapeError, type Tensor, reshape } from '@evoprop/tensor';
import { fmtShape } from '../format.js';

/** Targets of shape [n] are accepted for predictions of shape [n, 1]; otherwise shapes must match. */
export function alignTarget(op: string, prediction: Tensor, target: Tensor): Tensor {
  const same = prediction.rank === target.rank && prediction.shape.every((d, i) => d === target.shape[i]);
  if (same) return target;
  if (target.size === prediction.size && prediction.shape[prediction.rank - 1] === 1 && target.rank === prediction.rank - 1) {
    return reshape(target, prediction.shape);
  }
  throw new ShapeError(op, `targets of the prediction's shape ${fmtShape(prediction.shape)}`, fmtShape(target.shape));
}
