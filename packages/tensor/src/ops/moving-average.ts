import { backendFor } from '../backend/dispatch.js';
import { ShapeError, ValueError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';

/**
 * In place, outside the graph: running ← (1 − momentum)·running + momentum·batch·scale, for
 * running statistics such as batch norm's (`scale` = n/(n − 1) unbiases a variance). `running`
 * is written through (a model buffer, say); `batch` must have as many elements.
 * @example movingAverage(runningMean, batchMean, 0.1)
 */
export function movingAverage(running: Tensor, batch: Tensor, momentum: number, scale = 1): void {
  if (batch.size !== running.size) {
    throw new ShapeError('movingAverage', `a batch statistic with ${running.size} elements`, fmtShape(batch.shape));
  }
  if (!Number.isFinite(momentum) || !Number.isFinite(scale)) {
    throw new ValueError('movingAverage', 'a finite momentum and scale', `${momentum} and ${scale}`);
  }
  backendFor(running, batch).movingAverage(running.storage, batch.storage, momentum, scale);
}
