/** Summary statistics of one tensor's values. */
export type TensorStats = Readonly<{ mean: number; std: number; min: number; max: number }>;

/**
 * Mean, sample standard deviation, min and max of `xs` in two passes, with no copy and no spread:
 * `Math.min(...xs)` passes every element as an argument and overflows the stack past ~125k.
 * Same values as `mean`/`std` of `stats/summary` (NaN for none, std 0 for one); a NaN propagates to min and max.
 */
export function tensorStats(xs: ArrayLike<number>): TensorStats {
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    sum += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += ((xs[i] as number) - mean) * ((xs[i] as number) - mean);
  return { mean, std: n === 1 ? 0 : Math.sqrt(s / (n - 1)), min, max };
}
