import { ShapeError, type Tensor } from '@evoprop/tensor';
import { fmtShape } from '../format.js';

const rowsOf = (op: string, prediction: Tensor, target: Tensor): [rows: number, cols: number] => {
  const cols = prediction.rank < 2 ? 1 : (prediction.shape[prediction.rank - 1] as number);
  const rows = cols === 0 ? 0 : prediction.size / cols;
  if (target.size !== rows && target.size !== prediction.size) {
    throw new ShapeError(op, `${rows} targets (class indices) or ${prediction.size} (one per output)`, `shape ${fmtShape(target.shape)}`);
  }
  return [rows, cols];
};

/**
 * Fraction of correct predictions. Several outputs: argmax against class-index
 * targets. One output: a binary logit, positive when > `threshold` (default 0).
 */
export function accuracy(prediction: Tensor, target: Tensor, options: Readonly<{ threshold?: number }> = {}): number {
  const [rows, cols] = rowsOf('accuracy', prediction, target);
  if (rows === 0) return Number.NaN;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const y = target.data[r] as number;
    let predicted: number;
    if (cols === 1) predicted = (prediction.data[r] as number) > (options.threshold ?? 0) ? 1 : 0;
    else {
      predicted = 0;
      for (let c = 1; c < cols; c++)
        if ((prediction.data[r * cols + c] as number) > (prediction.data[r * cols + predicted] as number)) predicted = c;
    }
    if (predicted === y) correct++;
  }
  return correct / rows;
}

/** Fraction of rows whose target class is among the k highest scores (ties counted against). */
export function topK(prediction: Tensor, target: Tensor, k: number): number {
  const [rows, cols] = rowsOf('topK', prediction, target);
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
