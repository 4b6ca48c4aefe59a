/**
 * Cutting a user's rows into train / validation / test. With shuffling, rows are taken in a
 * seeded order; for classification the order is stratified: each class's rows are spread evenly
 * through it, so every split keeps roughly the class shares of the whole set (as scikit-learn's
 * `train_test_split(stratify=y)`). Without shuffling the splits are the rows in order: train first,
 * then validation, then test (as Keras' `validation_split` takes the last rows).
 */
import type { Rng } from '@evoprop/tensor';
import { DataError } from '../errors.js';

/** Row indices of the three parts; an empty held-out part means "none held out". */
export type RowSplit = Readonly<{ train: Int32Array; validation: Int32Array; test: Int32Array }>;

/** Fractions held out (0 = none), how rows are ordered, and the class of each row for stratifying. */
export type RowSplitOptions = Readonly<{
  validation: number;
  test: number;
  shuffle: boolean;
  /** Class index per row: stratify on it. Absent: plain seeded shuffle. */
  classOf?: Float32Array;
}>;

/** A seeded order of 0..n-1 in which every class is spread evenly (ties broken by the shuffle). */
function stratifiedOrder(order: Int32Array, classOf: Float32Array): Int32Array {
  const counts = new Map<number, number>();
  for (const c of classOf) counts.set(c, (counts.get(c) ?? 0) + 1);
  const seen = new Map<number, number>();
  const key = new Float64Array(order.length);
  for (let p = 0; p < order.length; p++) {
    const c = classOf[order[p] as number] as number;
    const rank = seen.get(c) ?? 0;
    seen.set(c, rank + 1);
    key[p] = (rank + 0.5) / (counts.get(c) as number);
  }
  const positions = Array.from(order.keys()).sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
  return Int32Array.from(positions, (p) => order[p] as number);
}

/** Cut `n` rows into the three parts. Throws a DataError when a fraction above 0 would get no row, or train none. */
export function splitRows(rng: Rng, n: number, source: string, o: RowSplitOptions): RowSplit {
  const nValidation = Math.round(n * o.validation);
  const nTest = Math.round(n * o.test);
  const nTrain = n - nValidation - nTest;
  const tooFew = (what: string, fraction: number): never => {
    throw new DataError(
      source,
      {},
      `enough rows for a ${what} fraction of ${fraction} (at least ${Math.ceil(0.5 / fraction)} rows), or ${what}: 0 to use the training rows`,
      `${n} rows`,
    );
  };
  if (o.validation > 0 && nValidation === 0) tooFew('validation', o.validation);
  if (o.test > 0 && nTest === 0) tooFew('test', o.test);
  if (nTrain < 1)
    throw new DataError(
      source,
      {},
      `validation + test fractions that leave at least one training row of ${n}`,
      `${o.validation} + ${o.test}`,
    );
  let order: Int32Array = Int32Array.from({ length: n }, (_, i) => i);
  if (o.shuffle) {
    order = rng.permutation(n);
    if (o.classOf !== undefined) {
      // Held-out parts come from the front of the stratified order; train keeps the shuffled order.
      const stratified = stratifiedOrder(order, o.classOf);
      const heldOut = stratified.subarray(0, nValidation + nTest);
      const held = new Set(heldOut);
      return {
        validation: heldOut.slice(0, nValidation),
        test: heldOut.slice(nValidation),
        train: order.filter((i) => !held.has(i)),
      };
    }
    return {
      validation: order.slice(0, nValidation),
      test: order.slice(nValidation, nValidation + nTest),
      train: order.slice(nValidation + nTest),
    };
  }
  return { train: order.slice(0, nTrain), validation: order.slice(nTrain, nTrain + nValidation), test: order.slice(nTrain + nValidation) };
}
