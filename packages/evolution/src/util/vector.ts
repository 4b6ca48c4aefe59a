/** Small float64 helpers shared by the strategies. */

export const norm = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
};

/** Indices that sort `fitness` ascending (best first); ties keep index order, so sorting is deterministic. */
export function argsort(fitness: ArrayLike<number>): Int32Array {
  const idx = Array.from({ length: fitness.length }, (_, i) => i);
  idx.sort((a, b) => fitness[a] - fitness[b] || a - b);
  return Int32Array.from(idx);
}

/**
 * Centred ranks in [-0.5, 0.5] (Salimans et al. 2017, §2.1 "fitness shaping"): the best
 * (lowest) fitness gets -0.5, the worst +0.5. Invariant to any monotone transform of fitness.
 */
export function centredRanks(fitness: ArrayLike<number>): Float64Array {
  const n = fitness.length;
  const out = new Float64Array(n);
  if (n === 1) return out;
  const order = argsort(fitness);
  // Ties share their average rank, so a flat landscape gives no (spurious) gradient.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && fitness[order[end]] === fitness[order[start]]) end++;
    const rank = (start + end - 1) / 2 / (n - 1) - 0.5;
    for (let r = start; r < end; r++) out[order[r]] = rank;
    start = end;
  }
  return out;
}

/** E‖N(0, I)‖ for dimension n (Hansen 2016, p. 29). */
export const expectedNormalNorm = (n: number): number => Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));

export const toFloat64 = (v: ArrayLike<number>): Float64Array => Float64Array.from(v);
