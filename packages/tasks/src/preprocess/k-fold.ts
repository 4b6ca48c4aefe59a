/** k-fold cross-validation splits: seeded, sizes within one of each other, optionally stratified by class. */
import type { Split } from '@evoprop/core';
import { type Rng, Tensor } from '@evoprop/tensor';
import { TaskError } from '../errors.js';
import { takeRows } from '../supervised/dataset.js';

/** One fold of k-fold cross-validation, as row indices. */
export type Fold = Readonly<{
  /** Rows to train on (every other fold). */
  train: Int32Array;
  /** Rows held out in this fold. */
  validation: Int32Array;
}>;

/**
 * Partition 0..n-1 into k validation folds. With `labels` (class indices), each class is dealt
 * round-robin across the folds so every fold keeps the class proportions (scikit-learn's
 * StratifiedKFold idea).
 */
export function kFold(n: number, k: number, rng: Rng, labels?: ArrayLike<number>): Fold[] {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new TaskError(`kFold: expected an integer k in [2, ${n}], got ${k}`);
  if (labels !== undefined && labels.length !== n) throw new TaskError(`kFold: expected ${n} labels, got ${labels.length}`);
  const folds: number[][] = Array.from({ length: k }, () => []);
  if (labels === undefined) {
    rng.permutation(n).forEach((i, position) => folds[position % k].push(i));
  } else {
    const classes = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const members = classes.get(labels[i]) ?? [];
      members.push(i);
      classes.set(labels[i], members);
    }
    let next = 0;
    for (const key of [...classes.keys()].sort((a, b) => a - b)) {
      for (const i of rng.shuffle(classes.get(key) as number[])) folds[next++ % k].push(i);
    }
  }
  return folds.map((validation, f) => ({
    train: Int32Array.from(folds.flatMap((fold, g) => (g === f ? [] : fold))),
    validation: Int32Array.from(validation),
  }));
}

const rowsOf = (t: Tensor, indices: Int32Array): Tensor =>
  new Tensor(takeRows(t.data, t.shape[0] === 0 ? 0 : t.size / t.shape[0], indices), [indices.length, ...t.shape.slice(1)]);

/** k (train, validation) pairs of a split; stratified by class when `stratify` and y holds class indices [n]. */
export function kFoldSplits(
  split: Split,
  k: number,
  rng: Rng,
  options: Readonly<{ stratify?: boolean }> = {},
): Readonly<{
  /** The rows of every other fold. */
  train: Split;
  /** This fold's rows. */
  validation: Split;
}>[] {
  const n = split.x.shape[0];
  const labels = options.stratify ? split.y.data : undefined;
  if (labels !== undefined && split.y.rank !== 1)
    throw new TaskError(`kFoldSplits: expected class-index targets [n] to stratify, got [${split.y.shape.join(', ')}]`);
  return kFold(n, k, rng, labels).map((fold) => ({
    train: { x: rowsOf(split.x, fold.train), y: rowsOf(split.y, fold.train) },
    validation: { x: rowsOf(split.x, fold.validation), y: rowsOf(split.y, fold.validation) },
  }));
}
