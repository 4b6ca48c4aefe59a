import { Tensor, add, broadcastTo, exp, mul, neg, square, sub, sum } from '@evoprop/tensor';
import { RlError } from '../errors.js';
import type { ActionDistribution } from './distribution.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log N(a; μ, σ²) summed over the `d` action dimensions of each row: `logStd` is `[d]` (broadcast)
 * or `[rows, d]`. Shared by the diagonal and the state-dependent Gaussians; `where` names the caller
 * in the error for a wrong number of action values.
 */
export function gaussianLogProb(where: string, mean: Tensor, logStd: Tensor, actions: ArrayLike<number>): Tensor {
  const rows = mean.shape[0] as number;
  const d = mean.shape[1] as number;
  if (actions.length !== rows * d) throw new RlError(where, `${rows * d} action values (${rows} rows × ${d})`, `${actions.length}`);
  const a = new Tensor(Float32Array.from(actions), [rows, d]);
  const z = mul(sub(a, mean), exp(neg(logStd)));
  return add(sum(add(mul(square(z), -0.5), neg(logStd)), { axis: 1 }), -0.5 * d * LOG_2PI);
}

/**
 * Gaussians with a diagonal covariance: the mean of each row from the policy (`mean`,
 * shape `[rows, d]`) and one learned log standard deviation per action dimension (`logStd`,
 * shape `[d]`, state-independent, as in PPO's continuous policies: Schulman et al. 2017, sec. 6.1).
 *
 * log π(a) = −½ Σⱼ ((aⱼ − μⱼ)/σⱼ)² − Σⱼ log σⱼ − (d/2) log 2π;  H = Σⱼ log σⱼ + (d/2)(1 + log 2π).
 *
 * @example
 * const d = diagonalGaussian(policy.forward(observations), logStd); // [rows, 1] means, [1] log σ
 * const actions = d.sample(rng);
 */
export function diagonalGaussian(mean: Tensor, logStd: Tensor): ActionDistribution {
  if (mean.rank !== 2 || mean.shape[1] < 1)
    throw new RlError('diagonalGaussian', 'means of shape [rows, d]', `shape [${mean.shape.join(', ')}]`);
  const rows = mean.shape[0];
  const d = mean.shape[1];
  if (logStd.rank !== 1 || logStd.shape[0] !== d)
    throw new RlError('diagonalGaussian', `a log standard deviation of shape [${d}]`, `shape [${logStd.shape.join(', ')}]`);
  return {
    rows,
    width: d,
    sample(rng, out = new Float32Array(rows * d)) {
      const m = mean.data;
      const s = logStd.data;
      for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) out[r * d + j] = m[r * d + j] + Math.exp(s[j]) * rng.normal();
      return out;
    },
    mode(out = new Float32Array(rows * d)) {
      out.set(mean.data);
      return out;
    },
    logProb(actions) {
      return gaussianLogProb('diagonalGaussian.logProb', mean, logStd, actions);
    },
    entropy() {
      return add(sum(broadcastTo(logStd, [rows, d]), { axis: 1 }), 0.5 * d * (1 + LOG_2PI));
    },
  };
}
