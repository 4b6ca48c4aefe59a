/**
 * Reward scaling as Stable-Baselines3's `VecNormalize(norm_reward=True)`, the `normalize: true`
 * of the RL Zoo's hyperparameter files: each environment keeps its discounted return so far,
 * G ← γ·G + r; the running variance of those returns (over every environment and step) scales
 * the rewards, r / √(Var[G] + 1e-8), clipped to ±10; G restarts at 0 when an episode ends. The
 * rewards are divided, never shifted, so the optimal policy does not change (Engstrom et al.
 * 2020, "Implementation matters in deep policy gradients", sec. 3: reward scaling is one of
 * the code-level choices PPO's results depend on). State is plain data.
 */
import { type RunningStats, initRunningStats, updateRunningStats } from './running-stats.js';

/** Plain-data state of a reward scaler: the return statistics and each environment's running discounted return. */
export type RewardScalerState = {
  /** Running mean and variance of the discounted returns. */
  stats: RunningStats;
  /** Each environment's discounted return of the current episode so far. */
  returns: number[];
};

/** SB3's `clip_reward`. */
const clip = 10;

/** A fresh scaler for `envs` environments. */
export const initRewardScaler = (envs: number): RewardScalerState => ({
  stats: initRunningStats(1),
  returns: new Array<number>(envs).fill(0),
});

/**
 * Scales one step's `rewards` (one per environment) in place: the discounted returns take the
 * step's rewards, the statistics take the returns, then each reward is divided by the returns'
 * standard deviation and clipped. `ended[i]` = 1 restarts environment i's return after the step.
 */
export function scaleRewards(
  state: RewardScalerState,
  rewards: Float32Array | Float64Array,
  ended: ArrayLike<number>,
  gamma: number,
): void {
  const n = state.returns.length;
  for (let i = 0; i < n; i++) state.returns[i] = state.returns[i] * gamma + rewards[i];
  updateRunningStats(state.stats, state.returns, n);
  const std = Math.sqrt(state.stats.variance[0] + 1e-8);
  for (let i = 0; i < n; i++) {
    rewards[i] = Math.min(clip, Math.max(-clip, rewards[i] / std));
    if (ended[i] === 1) state.returns[i] = 0;
  }
}
