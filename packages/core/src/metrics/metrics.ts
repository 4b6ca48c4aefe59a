import { ShapeError, type Tensor, ValueError } from '@evoprop/tensor';
import { fmtShape } from '../format.js';

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Rows and classes of a classification prediction, after checking its targets as the losses
 * do: class indices of the prediction's shape without its last axis (one per row; a binary
 * logit [n, 1] also takes [n, 1]), each an integer in 0..classes − 1 (0..1 for one logit).
 * One-hot targets and out-of-range labels are errors, not misses.
 */
function checkedLabels(op: string, prediction: Tensor, target: Tensor): [rows: number, cols: number] {
  const cols = prediction.rank < 2 ? 1 : (prediction.shape[prediction.rank - 1] as number);
  const rowShape = prediction.rank < 2 ? prediction.shape : prediction.shape.slice(0, -1);
  const binarySame = cols === 1 && sameShape(target.shape, prediction.shape);
  if (!sameShape(target.shape, rowShape) && !binarySame) {
    throw new ShapeError(
      op,
      `class-index targets of shape ${fmtShape(rowShape)} for ${cols === 1 ? 'binary logits' : 'logits'} ${fmtShape(prediction.shape)}`,
      fmtShape(target.shape),
    );
  }
  const rows = target.size;
  const classes = Math.max(cols, 2);
  for (let r = 0; r < rows; r++) {
    const y = target.data[r] as number;
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new ValueError(op, `class indices in 0..${classes - 1}`, `${y} at row ${r}`);
  }
  return [rows, cols];
}

/** Options of {@link accuracy}. */
export type AccuracyOptions = Readonly<{
  /** One output: the logit above which a prediction is class 1. Default 0. */
  threshold?: number;
  /** Rows whose target is this class are left out (padding of a masked loss). Default: none. */
  ignoreClass?: number;
}>;

/**
 * Fraction of correct predictions. Several outputs: argmax against class-index
 * targets. One output: a binary logit, positive when > `threshold` (default 0).
 * Targets are checked as the cross-entropy losses check them: one-hot targets and
 * labels outside 0..classes − 1 throw instead of counting as misses.
 */
export function accuracy(prediction: Tensor, target: Tensor, options: AccuracyOptions = {}): number {
  const [rows, cols] = checkedLabels('accuracy', prediction, target);
  let correct = 0;
  let counted = 0;
  for (let r = 0; r < rows; r++) {
    const y = target.data[r] as number;
    if (y === options.ignoreClass) continue;
    counted++;
    let predicted: number;
    if (cols === 1) predicted = (prediction.data[r] as number) > (options.threshold ?? 0) ? 1 : 0;
    else {
      predicted = 0;
      for (let c = 1; c < cols; c++)
        if ((prediction.data[r * cols + c] as number) > (prediction.data[r * cols + predicted] as number)) predicted = c;
    }
    if (predicted === y) correct++;
  }
  return counted === 0 ? Number.NaN : correct / counted;
}

/**
 * Fraction of rows whose target class is among the k highest scores (ties counted against).
 * Targets are checked as {@link accuracy} checks them; `k` is an integer ≥ 1.
 */
export function topK(prediction: Tensor, target: Tensor, k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new ValueError('topK', 'k an integer ≥ 1', String(k));
  if (prediction.rank < 2 || (prediction.shape[prediction.rank - 1] as number) < 2)
    throw new ShapeError('topK', 'one score per class, [n, classes ≥ 2]', fmtShape(prediction.shape));
  const [rows, cols] = checkedLabels('topK', prediction, target);
  if (rows === 0) return Number.NaN;
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    const y = target.data[r] as number;
    const score = prediction.data[r * cols + y] as number;
    let above = 0;
    for (let c = 0; c < cols; c++) if (c !== y && (prediction.data[r * cols + c] as number) >= score) above++;
    if (above < k) hits++;
  }
  return hits / rows;
}

/** Mean squared error as a number (float64 accumulation). */
export function meanSquaredError(prediction: Tensor, target: Tensor): number {
  if (prediction.size !== target.size)
    throw new ShapeError('mse', `${prediction.size} targets`, `${target.size} (${fmtShape(target.shape)})`);
  let s = 0;
  for (let i = 0; i < prediction.size; i++) s += ((prediction.data[i] as number) - (target.data[i] as number)) ** 2;
  return prediction.size === 0 ? Number.NaN : s / prediction.size;
}

/** Coefficient of determination 1 − SS_res / SS_tot, with SS_tot about each output column's mean. */
export function r2(prediction: Tensor, target: Tensor): number {
  if (prediction.size !== target.size)
    throw new ShapeError('r2', `${prediction.size} targets`, `${target.size} (${fmtShape(target.shape)})`);
  const cols = prediction.rank < 2 ? 1 : (prediction.shape[prediction.rank - 1] as number);
  const rows = prediction.size / cols;
  const means = new Float64Array(cols);
  for (let i = 0; i < target.size; i++) (means[i % cols] as number) += (target.data[i] as number) / rows;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < target.size; i++) {
    const y = target.data[i] as number;
    res += ((prediction.data[i] as number) - y) ** 2;
    tot += (y - (means[i % cols] as number)) ** 2;
  }
  return tot === 0 ? (res === 0 ? 1 : Number.NEGATIVE_INFINITY) : 1 - res / tot;
}
