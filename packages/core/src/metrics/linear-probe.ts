import { ShapeError, Tensor, ValueError } from '@evoprop/tensor';
import { fmtShape } from '../format.js';

/** Features and class indices of one split of a probe. */
export type ProbeSplit = Readonly<{
  /** Features, `[n, d]` (a frozen code, e.g. an autoencoder's bottleneck). */
  x: Tensor;
  /** Class index of each row, `[n]`. */
  y: Tensor;
}>;

/** Options of {@link linearProbe}. */
export type LinearProbeOptions = Readonly<{
  /** Number of classes (class indices lie in 0..classes-1). */
  classes: number;
  /** Full-batch Adam steps. Default 500. */
  iterations?: number;
  /** Adam's step size on the standardised features. Default 0.05. */
  learningRate?: number;
  /**
   * L2 penalty λ/2·‖W‖² on the weights (not the biases). Default 1e-3. A list of candidates picks
   * λ by k-fold cross-validation on the training split alone (row i in fold i mod `folds`; the
   * highest mean held-out accuracy, ties to the larger λ), then refits on every training row.
   */
  l2?: number | readonly number[];
  /** Folds of the cross-validation when `l2` is a list (each needs at least one row). Default 5. */
  folds?: number;
}>;

/** What {@link linearProbe} measured. */
export type LinearProbeResult = Readonly<{
  /** Accuracy on the test split. */
  accuracy: number;
  /** Accuracy on the split it was fitted on. */
  trainAccuracy: number;
  /** Mean training cross-entropy (nats) at the last step, penalty excluded. */
  trainLoss: number;
  /** The L2 penalty of the returned fit (the one picked when `l2` was a list). */
  l2: number;
  /** Mean held-out accuracy of each candidate λ, in the order given (empty when `l2` was one number). */
  crossValidation: readonly Readonly<{
    /** The candidate penalty. */
    l2: number;
    /** Its held-out accuracy, averaged over the folds. */
    accuracy: number;
  }>[];
}>;

function checkSplit(name: string, s: ProbeSplit, d: number | undefined, classes: number): void {
  const [n, width] = s.x.shape;
  if (s.x.rank !== 2 || n === undefined || width === undefined || (d !== undefined && width !== d))
    throw new ShapeError(`linearProbe ${name}.x`, d === undefined ? '[n, d]' : `[n, ${d}]`, fmtShape(s.x.shape));
  if (s.y.size !== n) throw new ShapeError(`linearProbe ${name}.y`, `[${n}] (one label per row)`, fmtShape(s.y.shape));
  s.y.data.forEach((c, i) => {
    if (!(Number.isInteger(c) && c >= 0 && c < classes))
      throw new ValueError(`linearProbe ${name}.y`, `class indices in 0..${classes - 1}`, `${c} at index ${i}`);
  });
}

/**
 * A linear probe (Alain & Bengio 2016): multinomial logistic regression fitted on frozen
 * features, scored on held-out ones — the standard measure of what a representation learned
 * (an autoencoder's code, a pretrained trunk's features). Features are standardised with the
 * training split's mean and standard deviation; the weights start at zero and take
 * `iterations` full-batch Adam steps on the mean cross-entropy plus λ/2·‖W‖². Given a list of
 * λ, it picks one by cross-validation on the training split (the test split is never read for
 * it). Deterministic: no randomness, float64 throughout.
 *
 * @example
 * const { accuracy } = linearProbe({ x: trainCodes, y: trainLabels }, { x: testCodes, y: testLabels }, { classes: 10 });
 * linearProbe(train, test, { classes: 10, l2: [1e-4, 1e-3, 1e-2, 1e-1] }).l2; // the λ 5-fold cross-validation picked
 */
export function linearProbe(train: ProbeSplit, test: ProbeSplit, options: LinearProbeOptions): LinearProbeResult {
  const k = options.classes;
  if (!(Number.isInteger(k) && k >= 2)) throw new ValueError('linearProbe classes', 'an integer ≥ 2', String(k));
  checkSplit('train', train, undefined, k);
  const d = train.x.shape[1] as number;
  checkSplit('test', test, d, k);
  const n = train.x.shape[0] as number;
  if (n === 0) throw new ValueError('linearProbe train', 'at least one row', '0 rows');
  const l2 = options.l2 ?? 1e-3;
  if (typeof l2 === 'number') return { ...fitProbe(train, test, options, l2), l2, crossValidation: [] };
  if (l2.length === 0 || l2.some((v) => !(v >= 0)))
    throw new ValueError('linearProbe l2', 'a number ≥ 0 or a non-empty list of them', `[${l2.join(', ')}]`);
  const folds = options.folds ?? 5;
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= n))
    throw new ValueError('linearProbe folds', `an integer in 2..${n} (the training rows)`, String(folds));
  const crossValidation = l2.map((lambda) => {
    let sum = 0;
    for (let f = 0; f < folds; f++)
      sum += fitProbe(foldRows(train, folds, f, false), foldRows(train, folds, f, true), options, lambda).accuracy;
    return { l2: lambda, accuracy: sum / folds };
  });
  const best = crossValidation.reduce((a, b) => (b.accuracy > a.accuracy || (b.accuracy === a.accuracy && b.l2 > a.l2) ? b : a));
  return { ...fitProbe(train, test, options, best.l2), l2: best.l2, crossValidation };
}

/** The rows of fold `f` (row i is in fold i mod `folds`), or every other row. */
function foldRows(s: ProbeSplit, folds: number, f: number, inFold: boolean): ProbeSplit {
  const [n, d] = s.x.shape as [number, number];
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if ((i % folds === f) === inFold) keep.push(i);
  const x = new Float32Array(keep.length * d);
  const y = new Float32Array(keep.length);
  keep.forEach((r, i) => {
    x.set(s.x.data.subarray(r * d, (r + 1) * d), i * d);
    y[i] = s.y.data[r] as number;
  });
  return { x: new Tensor(x, [keep.length, d]), y: new Tensor(y, [keep.length]) };
}

/** One fit at penalty `l2` on checked splits, scored on `test`. */
function fitProbe(
  train: ProbeSplit,
  test: ProbeSplit,
  options: LinearProbeOptions,
  l2: number,
): Readonly<{ accuracy: number; trainAccuracy: number; trainLoss: number }> {
  const k = options.classes;
  const d = train.x.shape[1] as number;
  const n = train.x.shape[0] as number;
  const iterations = options.iterations ?? 500;
  const lr = options.learningRate ?? 0.05;

  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  const xs = train.x.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) (mean[j] as number) += (xs[i * d + j] as number) / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) (std[j] as number) += ((xs[i * d + j] as number) - (mean[j] as number)) ** 2 / n;
  // NOTE: a constant feature (a dead ReLU unit) gets std 1, so it stays 0 instead of becoming NaN.
  for (let j = 0; j < d; j++) std[j] = (std[j] as number) > 1e-12 ? Math.sqrt(std[j] as number) : 1;
  const standardise = (x: Tensor): Float64Array => {
    const rows = x.shape[0] as number;
    const out = new Float64Array(rows * d);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < d; j++) out[i * d + j] = ((x.data[i * d + j] as number) - (mean[j] as number)) / (std[j] as number);
    return out;
  };
  const xTrain = standardise(train.x);

  // Parameters: W [d, k] then b [k], one vector, so Adam runs over one array.
  const size = d * k + k;
  const theta = new Float64Array(size);
  const grad = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const logits = new Float64Array(k);
  const b1 = 0.9;
  const b2 = 0.999;

  const scores = (x: Float64Array, i: number): void => {
    for (let c = 0; c < k; c++) logits[c] = theta[d * k + c] as number;
    for (let j = 0; j < d; j++) {
      const xv = x[i * d + j] as number;
      if (xv === 0) continue;
      for (let c = 0; c < k; c++) (logits[c] as number) += xv * (theta[j * k + c] as number);
    }
  };
  // Softmax of `logits` in place; returns log Σ exp (with the maximum taken out).
  const softmax = (): number => {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, logits[c] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      logits[c] = Math.exp((logits[c] as number) - max);
      sum += logits[c] as number;
    }
    for (let c = 0; c < k; c++) (logits[c] as number) /= sum;
    return Math.log(sum) + max;
  };

  let trainLoss = Number.NaN;
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      scores(xTrain, i);
      const label = train.y.data[i] as number;
      const z = logits[label] as number;
      loss += softmax() - z;
      (logits[label] as number) -= 1; // p − onehot(y): the gradient of the cross-entropy in the logits
      for (let c = 0; c < k; c++) (grad[d * k + c] as number) += (logits[c] as number) / n;
      for (let j = 0; j < d; j++) {
        const xv = (xTrain[i * d + j] as number) / n;
        if (xv === 0) continue;
        for (let c = 0; c < k; c++) (grad[j * k + c] as number) += xv * (logits[c] as number);
      }
    }
    trainLoss = loss / n;
    for (let p = 0; p < d * k; p++) (grad[p] as number) += l2 * (theta[p] as number);
    // Adam (Kingma & Ba 2015, Algorithm 1).
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let p = 0; p < size; p++) {
      const g = grad[p] as number;
      m[p] = b1 * (m[p] as number) + (1 - b1) * g;
      v[p] = b2 * (v[p] as number) + (1 - b2) * g * g;
      (theta[p] as number) -= (lr * ((m[p] as number) / c1)) / (Math.sqrt((v[p] as number) / c2) + 1e-8);
    }
  }

  const accuracyOn = (x: Float64Array, y: Tensor): number => {
    const rows = y.size;
    let hits = 0;
    for (let i = 0; i < rows; i++) {
      scores(x, i);
      let best = 0;
      for (let c = 1; c < k; c++) if ((logits[c] as number) > (logits[best] as number)) best = c;
      if (best === y.data[i]) hits++;
    }
    return rows === 0 ? Number.NaN : hits / rows;
  };
  return { accuracy: accuracyOn(standardise(test.x), test.y), trainAccuracy: accuracyOn(xTrain, train.y), trainLoss };
}
