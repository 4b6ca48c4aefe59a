/**
 * Running mean and variance of observations, as Stable-Baselines3's `RunningMeanStd`
 * (VecNormalize): batches are merged with the parallel-variance formula of Chan, Golub &
 * LeVeque (1979), and the count starts at a tiny ε so the first normalisation is defined.
 * State is plain data (numbers), so a checkpoint copies it exactly.
 */
export type RunningStats = {
  /** Per-variable mean. */
  mean: number[];
  /** Per-variable (population) variance. */
  variance: number[];
  /** Samples merged so far (plus the initial ε). */
  count: number;
};

/** Fresh statistics for `size` variables: mean 0, variance 1, count 1e-4 (SB3's epsilon). */
export const initRunningStats = (size: number): RunningStats => ({
  mean: new Array<number>(size).fill(0),
  variance: new Array<number>(size).fill(1),
  count: 1e-4,
});

/** Merge `rows` rows of `x` (`rows × size`, row-major) into `stats`, in place. */
export function updateRunningStats(stats: RunningStats, x: ArrayLike<number>, rows: number): void {
  const k = stats.mean.length;
  if (rows === 0) return;
  for (let j = 0; j < k; j++) {
    let m = 0;
    for (let r = 0; r < rows; r++) m += x[r * k + j];
    m /= rows;
    let v = 0;
    for (let r = 0; r < rows; r++) v += (x[r * k + j] - m) ** 2;
    v /= rows;
    const delta = m - stats.mean[j];
    const total = stats.count + rows;
    stats.mean[j] += (delta * rows) / total;
    const m2 = stats.variance[j] * stats.count + v * rows + (delta * delta * stats.count * rows) / total;
    stats.variance[j] = m2 / total;
  }
  stats.count += rows;
}

/** Standard deviation used to normalise: √(variance + 1e-8), as SB3. */
export const statsStd = (stats: RunningStats, j: number): number => Math.sqrt(stats.variance[j] + 1e-8);

/**
 * (x − mean) / std of `rows` rows of `x` into `out` (float32), clipped to ±`clip` as
 * VecNormalize's `_normalize_obs` (`np.clip(..., -clip_obs, clip_obs)`; default: no clip).
 */
export function normalizeRows(
  stats: RunningStats,
  x: ArrayLike<number>,
  rows: number,
  out: Float32Array,
  clip = Number.POSITIVE_INFINITY,
): Float32Array {
  const k = stats.mean.length;
  for (let j = 0; j < k; j++) {
    const m = stats.mean[j];
    const s = statsStd(stats, j);
    for (let r = 0; r < rows; r++) out[r * k + j] = Math.min(clip, Math.max(-clip, (x[r * k + j] - m) / s));
  }
  return out;
}
