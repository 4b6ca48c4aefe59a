import { Tensor, noGrad } from '@evoprop/tensor';
import type { CostMeter } from '../contract/cost.js';
import type { Split, SupervisedTask } from '../contract/task.js';
import type { Metrics } from '../contract/trainer.js';
import { lossFor } from '../losses/loss-for.js';
import type { Model } from '../model/model.js';
import { accuracy, meanSquaredError, r2 } from './metrics.js';

/** Rows [start, end) of a batch-major tensor, as a view (no copy, no graph). */
export function sliceRows(x: Tensor, start: number, end: number): Tensor {
  const row = x.shape.slice(1).reduce((a, b) => a * b, 1);
  return new Tensor(x.data.subarray(start * row, end * row), [end - start, ...x.shape.slice(1)]);
}

const probabilities = (logits: Tensor): Tensor =>
  new Tensor(
    logits.data.map((z) => 1 / (1 + Math.exp(-z))),
    logits.shape,
  );

/** Targets that are not padding (class 0) of a masked loss. */
function realTokens(y: Tensor): number {
  let count = 0;
  for (const v of y.data) if (v !== 0) count++;
  return count;
}

/** Options of {@link evaluateModel}. */
export type EvaluateOptions = Readonly<{
  /** Samples per forward pass (default 512). */
  batchSize?: number;
  /** Charged one evaluation per sample when given. */
  meter?: CostMeter;
}>;

/**
 * Loss and metrics of a model on a split, in eval mode, without recording a graph,
 * in batches. Classification: { loss, accuracy }; regression: { loss, mse, r2 } (under
 * binary cross-entropy, mse and r2 of the sigmoid of the outputs).
 *
 * @example evaluateModel(model, task.test, task) // { loss: 0.12, accuracy: 0.97 }
 */
export function evaluateModel(
  model: Model,
  split: Split,
  task: Pick<SupervisedTask, 'loss' | 'problem'>,
  options: EvaluateOptions = {},
): Metrics {
  const n = split.x.shape[0] ?? 0;
  const batchSize = Math.max(1, options.batchSize ?? 512);
  const loss = lossFor(task.loss);
  return noGrad(() => {
    const outputs: Float32Array[] = [];
    let outShape: readonly number[] = [];
    // A masked loss is a mean over real tokens: weigh each batch by its real tokens, not its rows.
    const masked = task.loss === 'masked-softmax-cross-entropy';
    let lossSum = 0;
    let weightSum = 0;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const x = sliceRows(split.x, start, end);
      const y = sliceRows(split.y, start, end);
      const out = model.forward(x, 'eval');
      outShape = out.shape.slice(1);
      const weight = masked ? realTokens(y) : end - start;
      if (weight > 0) lossSum += loss(out, y).item() * weight;
      weightSum += weight;
      outputs.push(out.data);
    }
    options.meter?.addEvaluations(n);
    const all = new Float32Array(outputs.reduce((s, o) => s + o.length, 0));
    let offset = 0;
    for (const o of outputs) {
      all.set(o, offset);
      offset += o.length;
    }
    const prediction = new Tensor(all, [n, ...outShape]);
    const metrics: Record<string, number> = { loss: weightSum === 0 ? Number.NaN : lossSum / weightSum };
    if (task.problem === 'classification') metrics.accuracy = accuracy(prediction, split.y, masked ? { ignoreClass: 0 } : {});
    else {
      // NOTE: under binary cross-entropy the outputs are logits; mse and r2 are of the probabilities
      // σ(z), the values the targets in [0, 1] are (a reconstructed pixel, XOR's 0/1).
      const values = task.loss === 'binary-cross-entropy' ? probabilities(prediction) : prediction;
      metrics.mse = meanSquaredError(values, split.y);
      metrics.r2 = r2(values, split.y);
    }
    return metrics;
  });
}
