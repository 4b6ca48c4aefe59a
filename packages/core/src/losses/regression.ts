import { type Tensor, abs, mean, mul, sub, unaryOp } from '@evoprop/tensor';
import { alignTarget } from './align.js';

/** Mean squared error, mean over every element. */
export function mse(prediction: Tensor, target: Tensor): Tensor {
  const d = sub(prediction, alignTarget('mse', prediction, target));
  return mean(mul(d, d));
}

/** Mean absolute error. */
export function mae(prediction: Tensor, target: Tensor): Tensor {
  return mean(abs(sub(prediction, alignTarget('mae', prediction, target))));
}

/** Huber loss (Huber 1964): ½d² for |d| ≤ δ, δ(|d| − ½δ) beyond; mean over elements. */
export function huber(prediction: Tensor, target: Tensor, options: Readonly<{ delta?: number }> = {}): Tensor {
  const delta = options.delta ?? 1;
  const d = sub(prediction, alignTarget('huber', prediction, target));
  const h = unaryOp(
    'huber',
    d,
    (v) => (Math.abs(v) <= delta ? 0.5 * v * v : delta * (Math.abs(v) - 0.5 * delta)),
    (v) => (Math.abs(v) <= delta ? v : v > 0 ? delta : -delta),
  );
  return mean(h);
}
