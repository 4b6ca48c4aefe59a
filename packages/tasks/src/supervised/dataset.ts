import type { Split } from '@evoprop/core';
import { type Rng, Tensor } from '@evoprop/tensor';
import { TaskError } from '../errors.js';

/** A whole dataset in flat row-major arrays, before it is cut into splits. */
export type Dataset = Readonly<{
  /** n × prod(sampleShape) inputs. */
  x: Float32Array;
  /** n × prod(targetShape) targets (class indices when targetShape is []). */
  y: Float32Array;
  /** Number of samples. */
  n: number;
  /** Per-sample input shape, e.g. `[4]` or `[1, 28, 28]`. */
  sampleShape: readonly number[];
  /** Per-sample target shape: `[]` for a class index, `[k]` for k regression targets. */
  targetShape: readonly number[];
}>;

/** Row indices of the three splits. */
export type SplitIndices = Readonly<{
  /** Rows to train on. */
  train: Int32Array;
  /** Rows held out for validation. */
  validation: Int32Array;
  /** Rows held out for the final test. */
  test: Int32Array;
}>;
/** Fractions of the rows held out, each in [0, 1); the rest is the training split. */
export type SplitFractions = Readonly<{
  /** Fraction held out for validation. */
  validation: number;
  /** Fraction held out for the final test. */
  test: number;
}>;

const prod = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Copy the rows `indices` of a row-major matrix with `rowSize` columns. */
export function takeRows(data: Float32Array, rowSize: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * rowSize);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * rowSize;
    out.set(data.subarray(from, from + rowSize), i * rowSize);
  }
  return out;
}

/** The rows `indices` of a dataset as a split, inputs [k, ...sampleShape] and targets [k, ...targetShape]. */
export function makeSplit(data: Dataset, indices: ArrayLike<number>): Split {
  const k = indices.length;
  return {
    x: new Tensor(takeRows(data.x, prod(data.sampleShape), indices), [k, ...data.sampleShape]),
    y: new Tensor(takeRows(data.y, prod(data.targetShape), indices), [k, ...data.targetShape]),
  };
}

/**
 * A seeded shuffle of 0..n-1 cut into train / validation / test. Validation and test sizes are
 * `round(n · fraction)`; train keeps the rest and must not be empty.
 */
export function splitIndices(rng: Rng, n: number, fractions: SplitFractions): SplitIndices {
  const nValidation = Math.round(n * fractions.validation);
  const nTest = Math.round(n * fractions.test);
  const nTrain = n - nValidation - nTest;
  if (nTrain < 1) {
    throw new TaskError(
      `splitIndices: expected validation + test fractions to leave at least one training sample of ${n}, got validation=${fractions.validation}, test=${fractions.test}`,
    );
  }
  const order = rng.permutation(n);
  return {
    train: order.slice(0, nTrain),
    validation: order.slice(nTrain, nTrain + nValidation),
    test: order.slice(nTrain + nValidation),
  };
}

/** Seeded train / validation / test splits of a whole dataset. */
export function splitDataset(
  rng: Rng,
  data: Dataset,
  fractions: SplitFractions,
): Readonly<{
  /** The training split. */
  train: Split;
  /** The validation split. */
  validation: Split;
  /** The test split. */
  test: Split;
}> {
  const idx = splitIndices(rng, data.n, fractions);
  return { train: makeSplit(data, idx.train), validation: makeSplit(data, idx.validation), test: makeSplit(data, idx.test) };
}
