import { rankData } from './summary.js';
import { normalSf } from './normal.js';

export type MannWhitneyResult = Readonly<{
  /** U statistic of the first sample (scipy's `statistic`). */
  u: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'asymptotic';
}>;

/**
 * Two-sided Mann-Whitney U test, matching `scipy.stats.mannwhitneyu(x, y)` with its defaults:
 * the exact null distribution when either sample has ≤ 8 values and there are no ties,
 * otherwise the normal approximation with tie correction and continuity correction
 * (Mann & Whitney 1947; tie term from Hollander & Wolfe, Nonparametric Statistical Methods, p. 117).
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError(`mannWhitneyU: expected two non-empty samples, got sizes ${n1} and ${n2}`);
  const ranks = rankData([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i] as number;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const big = Math.max(u1, u2);
  const tieCounts = countTies(ranks);
  const hasTies = tieCounts.some((t) => t > 1);
  if ((n1 <= 8 || n2 <= 8) && !hasTies) {
    return { u: u1, p: Math.min(1, 2 * exactSf(big, n1, n2)), method: 'exact' };
  }
  const n = n1 + n2;
  const tieTerm = tieCounts.reduce((s, t) => s + (t * t * t - t), 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u: u1, p: 1, method: 'asymptotic' };
  const z = (big - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return { u: u1, p: Math.min(1, Math.max(0, 2 * normalSf(z))), method: 'asymptotic' };
}

function countTies(ranks: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.values()];
}

/** P(U ≥ u) under H0 for sample sizes n1, n2, by counting rank arrangements. */
function exactSf(u: number, n1: number, n2: number): number {
  // counts[j][k]: number of ways j values out of the first positions give U = k (classic recursion, built by adding one y at a time).
  const maxU = n1 * n2;
  // f(m, n, k) = f(m - 1, n, k - n) + f(m, n - 1, k); iterate over n (second sample) with a table over m.
  let prev: Float64Array[] = [];
  for (let m = 0; m <= n1; m++) {
    const row = new Float64Array(maxU + 1);
    row[0] = 1; // n = 0: only U = 0
    prev.push(row);
  }
  for (let n = 1; n <= n2; n++) {
    const cur: Float64Array[] = [];
    for (let m = 0; m <= n1; m++) {
      const row = new Float64Array(maxU + 1);
      const fromN = prev[m] as Float64Array;
      for (let k = 0; k <= maxU; k++) {
        let v = fromN[k] as number;
        if (m > 0 && k - n >= 0) v += (cur[m - 1] as Float64Array)[k - n] as number;
        row[k] = v;
      }
      cur.push(row);
    }
    prev = cur;
  }
  const dist = prev[n1] as Float64Array;
  let total = 0;
  let tail = 0;
  for (let k = 0; k <= maxU; k++) {
    total += dist[k] as number;
    if (k >= u) tail += dist[k] as number;
  }
  return tail / total;
}
