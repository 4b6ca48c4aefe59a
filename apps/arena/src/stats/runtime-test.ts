import { type MannWhitneyResult, mannWhitneyU } from './mann-whitney.js';

/** One run in a runtime comparison: its cost to the target (null if missed) and, for misses, how far it got (lower is better). */
export type RuntimeSample = Readonly<{ hit: number | null; finalGap: number | null }>;

/** Worse-is-larger order: hits by cost, then misses by final gap (unknown gaps last). */
function compare(a: RuntimeSample, b: RuntimeSample): number {
  if (a.hit !== null && b.hit !== null) return a.hit - b.hit;
  if (a.hit !== null) return -1;
  if (b.hit !== null) return 1;
  const ga = a.finalGap ?? Number.POSITIVE_INFINITY;
  const gb = b.finalGap ?? Number.POSITIVE_INFINITY;
  return ga === gb ? 0 : ga < gb ? -1 : 1;
}

/** Two-sided rank-sum test of runtimes plus which sample tends to be faster. */
export type RuntimeTest = MannWhitneyResult & Readonly<{ better: 'first' | 'second' | 'neither' }>;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test of runtimes to a target, as COCO's
 * post-processing (cocopp) tests its tables: each run is scored by the cost it needed to reach
 * the target or, if it missed, by the best value it reached, and a run that missed ranks after
 * every run that reached it (Hansen et al. 2021, COCO, Optim. Methods Softw. 36(1); the test as
 * described in the captions of cocopp's ERT tables, where the misses' values are taken at the
 * smallest budget any of them used up, which the caller does). `better` is the sample with the
 * smaller mean rank.
 */
export function runtimeRankSum(x: readonly RuntimeSample[], y: readonly RuntimeSample[]): RuntimeTest {
  const all = [...x, ...y];
  const order = all.map((_, i) => i).sort((i, j) => compare(all[i] as RuntimeSample, all[j] as RuntimeSample));
  // Ordinal keys: equal samples share the position of the first of them, so the U test sees them as ties.
  const key = new Array<number>(all.length);
  order.forEach((idx, pos) => {
    const prev = order[pos - 1];
    key[idx] =
      pos > 0 && prev !== undefined && compare(all[prev] as RuntimeSample, all[idx] as RuntimeSample) === 0 ? (key[prev] as number) : pos;
  });
  const test = mannWhitneyU(key.slice(0, x.length), key.slice(x.length));
  const half = (x.length * y.length) / 2;
  return { ...test, better: test.u < half ? 'first' : test.u > half ? 'second' : 'neither' };
}
