import { type CostMeter, type Model, type Split, type SupervisedTask, sliceRows } from '@evoprop/core';
import { Tensor, noGrad } from '@evoprop/tensor';
import { TransferError } from './errors.js';

/** Options of {@link extractFeatures} and {@link featureTask}. */
export type ExtractOptions = Readonly<{
  /** Samples per forward pass (default 256). */
  batchSize?: number;
  /** Charged one evaluation per sample (and the kernels' FLOPs while it runs). */
  meter?: CostMeter;
}>;

/**
 * Run a (frozen) feature extractor over a batch-major tensor once, in eval mode, without
 * recording a graph, in batches: the cached features a head can be trained on.
 *
 * @example
 * const feats = extractFeatures(truncate(loadPretrained('mnist04-conv')), task.train.x); // [n, 64]
 */
export function extractFeatures(extractor: Model, x: Tensor, options: ExtractOptions = {}): Tensor {
  const n = x.shape[0] ?? 0;
  const batchSize = Math.max(1, options.batchSize ?? 256);
  return noGrad(() => {
    const parts: Float32Array[] = [];
    let shape: readonly number[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const out = extractor.forward(sliceRows(x, start, Math.min(n, start + batchSize)), 'eval');
      shape = out.shape.slice(1);
      parts.push(out.data);
    }
    options.meter?.addEvaluations(n);
    if (n === 0) {
      const probe = extractor.forward(new Tensor(new Float32Array(0), [0, ...x.shape.slice(1)]), 'eval');
      return new Tensor(new Float32Array(0), [0, ...probe.shape.slice(1)]);
    }
    const data = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      data.set(p, offset);
      offset += p.length;
    }
    return new Tensor(data, [n, ...shape]);
  });
}

const featureSplit = (extractor: Model, split: Split, options: ExtractOptions): Split => ({
  x: extractFeatures(extractor, split.x, options),
  y: split.y,
});

/**
 * The same supervised task with every split's inputs replaced by the extractor's features
 * (computed once). Train any head on it with any trainer, then `joinModels(extractor, head)`.
 * The task has no `spec`, so evolution worker threads cannot rebuild it: use `workers: 0`.
 *
 * @example
 * const cached = featureTask(truncate(base), task);
 * const head = await new BackpropTrainer({ hidden: [] }).fit({ task: cached, rng, budget: { epochs: 50 } });
 */
export function featureTask(extractor: Model, task: SupervisedTask, options: ExtractOptions = {}): SupervisedTask {
  if (task.kind !== 'supervised')
    throw new TransferError('featureTask', 'a supervised task', `a ${String((task as { kind: unknown }).kind)} task`);
  const train = featureSplit(extractor, task.train, options);
  return {
    id: `${task.id}/features`,
    seed: task.seed,
    description: `${task.description} (inputs replaced by cached features)`,
    kind: 'supervised',
    inputShape: train.x.shape.slice(1),
    outputSize: task.outputSize,
    problem: task.problem,
    loss: task.loss,
    metric: task.metric,
    ...(task.solvedAt === undefined ? {} : { solvedAt: task.solvedAt }),
    train,
    validation: featureSplit(extractor, task.validation, options),
    test: featureSplit(extractor, task.test, options),
  };
}
