import { type Model, type SupervisedTask, type Task, mlp, sequential } from '@evoprop/core';
import { flattenLayer, dropoutLayer, dense } from '@evoprop/core/layers';
import { type Rng, Tensor } from '@evoprop/tensor';
import { HybridError } from '../errors.js';

/** Hybrids need a differentiable loss: only supervised tasks qualify. */
export function requireSupervised(task: Task, where: string): SupervisedTask {
  if (task.kind !== 'supervised') {
    throw new HybridError(where, 'a supervised task (gradient steps need a differentiable loss)', `${task.kind} task '${task.id}'`);
  }
  if ((task.train.x.shape[0] ?? 0) === 0) throw new HybridError(where, 'a non-empty training split', '0 samples');
  return task;
}

/** The MLP {@link defaultModel} builds. */
export type DefaultModelOptions = Readonly<{
  /** Units of each hidden layer, input side first. */
  hidden: readonly number[];
  /** Activation of every hidden layer. */
  activation: 'relu' | 'tanh' | 'sigmoid' | 'leakyRelu' | 'elu' | 'gelu';
  /** Dropout after every hidden layer (0 = no dropout layers). */
  dropout?: number;
}>;

/** The MLP a hybrid builds when the request brings no model (image inputs are flattened first). */
export function defaultModel(task: SupervisedTask, o: DefaultModelOptions, rng: Rng): Model {
  const rate = o.dropout ?? 0;
  if (task.inputShape.length === 1 && rate === 0) {
    return mlp({ inputSize: task.inputShape[0] as number, hidden: o.hidden, outputSize: task.outputSize, activation: o.activation }, rng);
  }
  const kernelInitializer = o.activation === 'tanh' || o.activation === 'sigmoid' ? 'glorotUniform' : 'heUniform';
  const layers = [
    ...(task.inputShape.length === 1 ? [] : [flattenLayer()]),
    ...o.hidden.flatMap((units) => [
      dense(units, { activation: o.activation, kernelInitializer }),
      ...(rate > 0 ? [dropoutLayer(rate)] : []),
    ]),
    dense(task.outputSize),
  ];
  return sequential(layers, { inputShape: task.inputShape, rng });
}

/** Inputs and targets of a batch, rows aligned. */
export interface Batch {
  /** Inputs, batch-major ([rows, ...inputShape]). */
  readonly x: Tensor;
  /** Targets, one row per input row. */
  readonly y: Tensor;
}

/** Rows `rows` of a batch-major tensor, copied. */
export function gatherRows(t: Tensor, rows: ArrayLike<number>): Tensor {
  const row = t.shape.slice(1).reduce((a, c) => a * c, 1);
  const out = new Float32Array(rows.length * row);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    out.set(t.data.subarray(r * row, (r + 1) * row), i * row);
  }
  return new Tensor(out, [rows.length, ...t.shape.slice(1)]);
}

/** The rows of `a` followed by those of `b` (same trailing shape), copied. */
export function concatRows(a: Tensor, b: Tensor): Tensor {
  const out = new Float32Array(a.data.length + b.data.length);
  out.set(a.data);
  out.set(b.data, a.data.length);
  return new Tensor(out, [(a.shape[0] as number) + (b.shape[0] as number), ...a.shape.slice(1)]);
}

/** Rows {@link miniBatch} draws from `n`: `size`, or all of them when `size` is null or at least `n`. */
export const batchRows = (n: number, size: number | null): number => (size === null || size >= n ? n : size);

/**
 * A seeded mini-batch of `size` distinct training rows (the whole split, in order, when
 * `size` is null or ≥ n). Depends only on `rng`, so a resumed run draws the same batches.
 */
export function miniBatch(task: SupervisedTask, size: number | null, rng: Rng): Batch {
  const n = task.train.x.shape[0] as number;
  if (size === null || size >= n) return task.train;
  const rows = rng.permutation(n).subarray(0, size);
  return { x: gatherRows(task.train.x, rows), y: gatherRows(task.train.y, rows) };
}
