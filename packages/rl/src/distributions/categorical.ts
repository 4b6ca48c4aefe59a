import { type Tensor, exp, logSoftmax, mul, neg, noGrad, oneHot, sum } from '@evoprop/tensor';
import { RlError } from '../errors.js';
import type { ActionDistribution } from './distribution.js';

/**
 * Categorical distributions over `k` actions from unnormalised log-probabilities (`logits`,
 * shape `[rows, k]`): π(a) = softmax(logits)ₐ. Log-probabilities go through `logSoftmax`, so
 * large logits neither overflow nor lose their gradient.
 *
 * @example
 * const d = categorical(policy.forward(observations)); // [rows, 2] logits
 * const actions = d.sample(rng);                        // one index per row
 * const logp = d.logProb(actions);                      // [rows], differentiable
 */
export function categorical(logits: Tensor): ActionDistribution {
  if (logits.rank !== 2 || logits.shape[1] < 1)
    throw new RlError('categorical', 'logits of shape [rows, actions]', `shape [${logits.shape.join(', ')}]`);
  const rows = logits.shape[0];
  const k = logits.shape[1];
  const logp = logSoftmax(logits, 1);
  return {
    rows,
    width: 1,
    sample(rng, out = new Float32Array(rows)) {
      const p = logp.data;
      for (let r = 0; r < rows; r++) {
        // Inverse CDF on one uniform draw per row, in float64; the last action takes any rounding remainder.
        const u = rng.uniform();
        let c = 0;
        let a = k - 1;
        for (let j = 0; j < k - 1; j++) {
          c += Math.exp(p[r * k + j]);
          if (u < c) {
            a = j;
            break;
          }
        }
        out[r] = a;
      }
      return out;
    },
    mode(out = new Float32Array(rows)) {
      const x = logits.data;
      for (let r = 0; r < rows; r++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (x[r * k + j] > x[r * k + best]) best = j;
        out[r] = best;
      }
      return out;
    },
    logProb(actions) {
      if (actions.length !== rows) throw new RlError('categorical.logProb', `${rows} action indices (one per row)`, `${actions.length}`);
      const indices = new Int32Array(rows);
      for (let r = 0; r < rows; r++) {
        const a = actions[r];
        if (!(Number.isInteger(a) && a >= 0 && a < k))
          throw new RlError('categorical.logProb', `action indices in 0..${k - 1}`, `${a} at row ${r}`);
        indices[r] = a;
      }
      const mask = noGrad(() => oneHot(indices, k));
      return sum(mul(logp, mask), { axis: 1 });
    },
    entropy() {
      // H = −Σ p·log p, with p = exp(log p) so the gradient flows through both factors.
      return neg(sum(mul(exp(logp), logp), { axis: 1 }));
    },
  };
}
