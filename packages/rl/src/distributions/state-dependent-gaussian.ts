import { type Tensor, add, exp, log, matmul, mul, square, sqrt, sum } from '@evoprop/tensor';
import { RlError } from '../errors.js';
import { gaussianLogProb } from './diagonal-gaussian.js';
import type { ActionDistribution } from './distribution.js';

const LOG_2PI = Math.log(2 * Math.PI);
/** Added to the variance before the square root, as Stable-Baselines3's `StateDependentNoiseDistribution` (epsilon 1e-6). */
const EPSILON = 1e-6;

/** A Gaussian policy whose noise is a function of the state: {@link ActionDistribution} plus gSDE's exploration. */
export interface StateDependentDistribution extends ActionDistribution {
  /**
   * The actions of gSDE's exploration: row r gets μ_r + z_r·E_r, where z_r is the row's latent
   * features and E_r (`latent × d`, row-major, the r-th block of `matrices`) its exploration
   * matrix (see {@link sampleExplorationMatrices}). Written into `out`, which is returned.
   */
  explore(matrices: Float32Array, out?: Float32Array): Float32Array;
}

/**
 * Generalised state-dependent exploration, gSDE (Raffin, Hill, Traoré, Lesort, Díaz-Rodríguez &
 * Filliat 2022, "Smooth exploration for robotic reinforcement learning", CoRL 2021, PMLR 164,
 * sec. 3, eq. 2–3): the action noise is z(s)·E, with z(s) the policy's last hidden features (no
 * gradient flows into them: SB3's `learn_features=False`) and E ~ N(0, σ²) a `latent × d` matrix
 * drawn every few steps, so exploration is smooth in time and a function of the state. The
 * action a = μ(s) + z(s)·E is then Gaussian with mean μ(s) and per-dimension variance
 * σ̂ⱼ² = Σᵢ zᵢ² σᵢⱼ² (+ 1e-6), which is what `logProb` and `entropy` use (SB3's
 * `StateDependentNoiseDistribution` with `full_std=True`, `use_expln=False`). `logStd` (shape
 * `[latent, d]`) is learned.
 *
 * @example
 * const d = stateDependentGaussian(policy.forward(x), logStd, latentFeatures); // [rows, d], [latent, d], [rows, latent]
 * const actions = d.explore(sampleExplorationMatrices(logStd, envs, rng));
 */
export function stateDependentGaussian(mean: Tensor, logStd: Tensor, latent: Tensor): StateDependentDistribution {
  if (mean.rank !== 2 || mean.shape[1] < 1)
    throw new RlError('stateDependentGaussian', 'means of shape [rows, d]', `shape [${mean.shape.join(', ')}]`);
  const rows = mean.shape[0];
  const d = mean.shape[1];
  if (latent.rank !== 2 || latent.shape[0] !== rows)
    throw new RlError('stateDependentGaussian', `latent features of shape [${rows}, latent]`, `shape [${latent.shape.join(', ')}]`);
  const size = latent.shape[1];
  if (logStd.rank !== 2 || logStd.shape[0] !== size || logStd.shape[1] !== d)
    throw new RlError('stateDependentGaussian', `a log standard deviation of shape [${size}, ${d}]`, `shape [${logStd.shape.join(', ')}]`);
  // σ̂ = √(z² · exp(2 log σ) + ε), shape [rows, d]; differentiable in log σ (z carries no gradient).
  const std = sqrt(add(matmul(square(latent), exp(mul(logStd, 2))), EPSILON));
  return {
    rows,
    width: d,
    sample(rng, out = new Float32Array(rows * d)) {
      const m = mean.data;
      const s = std.data;
      for (let i = 0; i < rows * d; i++) out[i] = m[i] + s[i] * rng.normal();
      return out;
    },
    explore(matrices, out = new Float32Array(rows * d)) {
      if (matrices.length < rows * size * d)
        throw new RlError(
          'stateDependentGaussian.explore',
          `${rows * size * d} exploration values (${rows} × ${size} × ${d})`,
          `${matrices.length}`,
        );
      const m = mean.data;
      const z = latent.data;
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < d; j++) {
          let noise = 0;
          for (let i = 0; i < size; i++) noise += z[r * size + i] * matrices[(r * size + i) * d + j];
          out[r * d + j] = m[r * d + j] + noise;
        }
      return out;
    },
    mode(out = new Float32Array(rows * d)) {
      out.set(mean.data);
      return out;
    },
    logProb(actions) {
      return gaussianLogProb('stateDependentGaussian.logProb', mean, log(std), actions);
    },
    entropy() {
      return add(sum(log(std), { axis: 1 }), 0.5 * d * (1 + LOG_2PI));
    },
  };
}

/**
 * One exploration matrix per environment, E ~ N(0, σ²) with σ = exp(logStd) (`[latent, d]`):
 * `count × latent × d` values, row-major (SB3's `sample_weights(log_std, batch_size=n_envs)`).
 */
export function sampleExplorationMatrices(logStd: Tensor, count: number, rng: { normal(): number }): Float32Array {
  const s = logStd.data;
  const out = new Float32Array(count * s.length);
  for (let e = 0; e < count; e++) for (let i = 0; i < s.length; i++) out[e * s.length + i] = Math.exp(s[i]) * rng.normal();
  return out;
}
