/**
 * Feature scaling fitted on the training split only, then applied to every split — fitting on
 * validation or test data leaks them into training. A scaler is plain data: x' = (x − shift) / scale + offset.
 */
import type { Split } from '@evoprop/core';
import { Tensor } from '@evoprop/tensor';
import { TaskError } from '../errors.js';

/** A fitted input scaler as plain data: x' = (x − shift) / scale + offset. */
export type Scaler = Readonly<{
  /** How it was fitted: mean/std or min/max. */
  kind: 'standardise' | 'min-max';
  /** Per feature (length d), or length 1 for one statistic over all features. */
  shift: Float32Array;
  /** Divisor per feature (std, or range over the target interval), same length as `shift`. */
  scale: Float32Array;
  /** Added after scaling: 0 for standardising, the target interval's lower end for min-max. */
  offset: number;
}>;

/** Options of the scaler fits. */
export type ScalerOptions = Readonly<{
  /** One statistic per feature (default) or one over every value, e.g. all pixels of an image. */
  perFeature?: boolean;
  /** Target interval of min-max scaling (default [0, 1]). */
  range?: readonly [number, number];
}>;

/** Features per sample: x is [n, ...] and each sample is flattened. */
function featureCount(x: Tensor, perFeature: boolean): number {
  if (x.rank < 1 || x.shape[0] < 1) throw new TaskError(`fitScaler: expected x of shape [n >= 1, ...], got [${x.shape.join(', ')}]`);
  return perFeature ? x.size / x.shape[0] : 1;
}

/** Mean and standard deviation (population, float64 accumulation); constant features get scale 1. */
export function fitStandardiser(x: Tensor, options: ScalerOptions = {}): Scaler {
  const d = featureCount(x, options.perFeature ?? true);
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const j = i % d;
    sum[j] += v;
    sumSq[j] += v * v;
  }
  const count = data.length / d;
  const shift = new Float32Array(d);
  const scale = new Float32Array(d);
  for (let j = 0; j < d; j++) {
    const mean = sum[j] / count;
    const variance = Math.max(0, sumSq[j] / count - mean * mean);
    shift[j] = mean;
    scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { kind: 'standardise', shift, scale, offset: 0 };
}

/** Min and max per feature, mapped onto `range`; constant features map to the range's low end. */
export function fitMinMax(x: Tensor, options: ScalerOptions = {}): Scaler {
  const d = featureCount(x, options.perFeature ?? true);
  const [low, high] = options.range ?? [0, 1];
  if (!(high > low)) throw new TaskError(`fitMinMax: expected range [low, high] with low < high, got [${low}, ${high}]`);
  const min = new Float32Array(d).fill(Number.POSITIVE_INFINITY);
  const max = new Float32Array(d).fill(Number.NEGATIVE_INFINITY);
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const j = i % d;
    if (data[i] < min[j]) min[j] = data[i];
    if (data[i] > max[j]) max[j] = data[i];
  }
  const scale = new Float32Array(d);
  for (let j = 0; j < d; j++) scale[j] = max[j] > min[j] ? (max[j] - min[j]) / (high - low) : 1;
  return { kind: 'min-max', shift: min, scale, offset: low };
}

/** Apply a scaler into `out` (may be `data` itself, for in-place scaling of big arrays). */
export function scaleInto(scaler: Scaler, data: Float32Array, out: Float32Array = new Float32Array(data.length)): Float32Array {
  const d = scaler.shift.length;
  if (data.length % d !== 0) throw new TaskError(`applyScaler: expected a multiple of ${d} values, got ${data.length}`);
  const { shift, scale, offset } = scaler;
  for (let i = 0; i < data.length; i++) {
    const j = i % d;
    out[i] = (data[i] - shift[j]) / scale[j] + offset;
  }
  return out;
}

/** A new tensor with the scaler applied. */
export const applyScaler = (scaler: Scaler, x: Tensor): Tensor => new Tensor(scaleInto(scaler, x.data), x.shape);

/** Undo a scaler: x = (x' − offset) · scale + shift. */
export function invertScaler(scaler: Scaler, x: Tensor): Tensor {
  const d = scaler.shift.length;
  const out = new Float32Array(x.size);
  for (let i = 0; i < x.size; i++) out[i] = (x.data[i] - scaler.offset) * scaler.scale[i % d] + scaler.shift[i % d];
  return new Tensor(out, x.shape);
}

type Splits = Readonly<{
  /** The split the scaler is fitted on. */
  train: Split;
  /** Scaled with the train statistics. */
  validation: Split;
  /** Scaled with the train statistics. */
  test: Split;
}>;

/** Fit on `splits.train.x` only and scale the inputs of all three splits; targets are untouched. */
export function scaleSplits<S extends Splits>(
  splits: S,
  kind: Scaler['kind'],
  options: ScalerOptions = {},
): Readonly<{
  /** The scaled training split. */
  train: Split;
  /** The scaled validation split. */
  validation: Split;
  /** The scaled test split. */
  test: Split;
  /** The scaler fitted on the training inputs (apply it to new data with `applyScaler`). */
  scaler: Scaler;
}> {
  const scaler = kind === 'standardise' ? fitStandardiser(splits.train.x, options) : fitMinMax(splits.train.x, options);
  const scale = (s: Split): Split => ({ x: applyScaler(scaler, s.x), y: s.y });
  return { train: scale(splits.train), validation: scale(splits.validation), test: scale(splits.test), scaler };
}
