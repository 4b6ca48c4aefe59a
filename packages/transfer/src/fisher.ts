import { type CostMeter, type Model, type Split, type SupervisedTask, lossFor, sliceRows } from '@evoprop/core';
import { readSafetensors, writeSafetensors } from '@evoprop/core/io';
import { Tensor, type Rng, backward, noGrad, softmax } from '@evoprop/tensor';
import { TransferError } from './errors.js';
import type { NamedArrays } from './regularizers.js';

/** Options of {@link estimateFisher}. */
export type FisherOptions = Readonly<{
  /** Samples of the split to average over (a seeded subset; default all, at most 1000). */
  samples?: number;
  /**
   * 'sampled' (default): y drawn from the model's own predictive distribution, which makes
   * E[g gᵀ] the true Fisher (Kirkpatrick et al. 2017, p. 3522); 'empirical': the split's labels.
   */
  mode?: 'sampled' | 'empirical';
  /** Picks the sample subset and, in 'sampled' mode, the drawn labels. */
  rng: Rng;
  /** Charged one evaluation and one gradient step per sample. */
  meter?: CostMeter;
}>;

/**
 * Diagonal Fisher information of `model` on a split: the mean over samples of the squared
 * per-sample gradient of the log-likelihood, F = E[(∂ log p(y|x; θ)/∂θ)²], one backward
 * pass per sample (a batch gradient squared would not be the same thing). Returns one array
 * per parameter, by name.
 *
 * @example
 * const fisher = estimateFisher(source, sourceTask.train, sourceTask, { samples: 500, rng: Rng.fromSeed(0) });
 */
export function estimateFisher(
  model: Model,
  split: Split,
  task: Pick<SupervisedTask, 'loss'>,
  options: FisherOptions,
): Map<string, Float32Array> {
  const mode = options.mode ?? 'sampled';
  const n = split.x.shape[0] ?? 0;
  const count = Math.min(n, options.samples ?? Math.min(n, 1000));
  if (count < 1) throw new TransferError('estimateFisher', 'a split with at least one sample', `${n} samples`);
  if (mode === 'sampled' && task.loss !== 'softmax-cross-entropy') {
    throw new TransferError(
      'estimateFisher mode',
      "'empirical' for a loss other than softmax-cross-entropy",
      `'sampled' with '${task.loss}'`,
    );
  }
  const loss = lossFor(task.loss);
  const order = count === n ? Int32Array.from({ length: n }, (_, i) => i) : options.rng.fork('subset').permutation(n).subarray(0, count);
  const labels = options.rng.fork('labels');
  const params = model.params;
  const sumSq = new Float64Array(params.size);
  for (const i of order) {
    const x = sliceRows(split.x, i, i + 1);
    params.zeroGrad();
    const out = model.forward(x, 'eval');
    let y = sliceRows(split.y, i, i + 1);
    if (mode === 'sampled') {
      const p = noGrad(() => softmax(out).data);
      let u = labels.uniform();
      let c = 0;
      while (c < p.length - 1 && u >= (p[c] as number)) u -= p[c++] as number;
      y = new Tensor(Float32Array.of(c), [1]);
    }
    backward(loss(out, y));
    const g = params.grads;
    for (let k = 0; k < g.length; k++) sumSq[k] = (sumSq[k] as number) + (g[k] as number) ** 2;
  }
  options.meter?.addEvaluations(count);
  options.meter?.addGradientSteps(count);
  params.zeroGrad();
  return new Map(params.entries.map((e) => [e.name, Float32Array.from(sumSq.subarray(e.offset, e.offset + e.size), (v) => v / count)]));
}

/** Named arrays (a Fisher diagonal, reference weights) as a safetensors file, shapes from `model`. */
export function saveNamedArrays(arrays: NamedArrays, model: Model, metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  return writeSafetensors(
    [...arrays].map(([name, data]) => [name, { shape: model.params.entry(name).shape, data }] as const),
    { format: 'evoprop-named-arrays', ...metadata },
  );
}

/** Inverse of `saveNamedArrays`. */
export function loadNamedArrays(bytes: Uint8Array): Map<string, Float32Array> {
  const { tensors } = readSafetensors(bytes);
  return new Map([...tensors].map(([name, t]) => [name, Float32Array.from(t.data)]));
}
