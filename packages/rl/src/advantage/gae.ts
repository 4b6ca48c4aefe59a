/**
 * Generalized advantage estimation (Schulman et al. 2016, "High-dimensional continuous control
 * using generalized advantage estimation", eq. 16): Âₜ = Σₗ (γλ)ˡ δₜ₊ₗ with
 * δₜ = rₜ + γ·V(sₜ₊₁)·(1 − doneₜ) − V(sₜ). λ = 1 gives Monte-Carlo returns minus the baseline,
 * λ = 0 the one-step TD error. The returns the critic regresses on are Â + V.
 *
 * Arrays are `steps × envs`, row t holding every environment's value at step t. `dones[t]` is 1
 * where the episode ended at step t (terminated or truncated); a truncated episode's reward
 * must already include γ·V(its last state), so cutting the sum there is exact (the state after
 * a truncation is not terminal; Pardo et al. 2018, "Time limits in reinforcement learning").
 */
export type AdvantageInput = Readonly<{
  /** Rewards, `steps × envs`. */
  rewards: ArrayLike<number>;
  /** V(sₜ) of the states acted in, `steps × envs`. */
  values: ArrayLike<number>;
  /** 1 where the episode ended at that step, `steps × envs`. */
  dones: ArrayLike<number>;
  /** V of each environment's state after the last step (ignored where that step ended an episode). */
  lastValues: ArrayLike<number>;
  /** Steps per environment. */
  steps: number;
  /** Environments. */
  envs: number;
  /** Discount γ. */
  gamma: number;
  /** GAE λ. */
  lambda: number;
}>;

/** Advantages and returns (advantage + value), each `steps × envs`, accumulated in float64. */
export function generalizedAdvantages(o: AdvantageInput): { advantages: Float32Array; returns: Float32Array } {
  const { steps, envs, gamma, lambda } = o;
  const advantages = new Float32Array(steps * envs);
  const returns = new Float32Array(steps * envs);
  for (let i = 0; i < envs; i++) {
    let gae = 0;
    for (let t = steps - 1; t >= 0; t--) {
      const at = t * envs + i;
      const next = 1 - o.dones[at];
      const nextValue = t === steps - 1 ? o.lastValues[i] : o.values[(t + 1) * envs + i];
      const delta = o.rewards[at] + gamma * nextValue * next - o.values[at];
      gae = delta + gamma * lambda * next * gae;
      advantages[at] = gae;
      returns[at] = gae + o.values[at];
    }
  }
  return { advantages, returns };
}

/** Scale `x` to mean 0 and standard deviation 1 in place (std + 1e-8 in the denominator, as SB3). */
export function standardize(x: Float32Array): void {
  const n = x.length;
  if (n === 0) return;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - m) ** 2;
  // SB3 uses torch's unbiased std; one sample has none, so only centre it then.
  const s = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
  for (let i = 0; i < n; i++) x[i] = (x[i] - m) / (s + 1e-8);
}
