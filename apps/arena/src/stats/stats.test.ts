import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { bootstrapCi } from './bootstrap.js';
import { holm } from './holm.js';
import { mannWhitneyU } from './mann-whitney.js';
import { normalSf } from './normal.js';
import { mean, median, quantile, rankData, std } from './summary.js';

describe('summary', () => {
  it('matches numpy (std ddof=1, linear percentiles)', () => {
    const xs = [1, 2, 3, 4, 10];
    expect(mean(xs)).toBe(4);
    expect(std(xs)).toBeCloseTo(3.5355339059327378, 12);
    expect([quantile(xs, 0.25), median(xs), quantile(xs, 0.75)]).toEqual([2, 3, 4]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('ranks ties with their average position (scipy.stats.rankdata)', () => {
    expect(rankData([10, 20, 10, 30, 20])).toEqual([1.5, 3.5, 1.5, 5, 3.5]);
  });
});

describe('normalSf', () => {
  it('matches scipy.stats.norm.sf', () => {
    expect(normalSf(0)).toBeCloseTo(0.5, 7);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalSf(-1)).toBeCloseTo(0.8413447460685429, 7);
  });
});

// Reference values: scipy 1.17.1, scipy.stats.mannwhitneyu(x, y, alternative='two-sided').
const cases: [number[], number[], number, number, 'exact' | 'asymptotic'][] = [
  [[0.9, 0.95, 0.97, 1.0, 0.92], [0.5, 0.6, 0.55, 0.7, 0.65], 25, 0.007936507936507936, 'exact'],
  [[1, 2, 3, 4, 5], [3, 4, 5, 6, 7], 4.5, 0.11384629800665805, 'asymptotic'],
  [[0.81, 0.83, 0.79, 0.9, 0.85], [0.8, 0.86, 0.88, 0.91, 0.84], 8, 0.42063492063492064, 'exact'],
  [[1, 1, 2, 2, 3], [2, 3, 3, 4, 4], 3, 0.05241162867102868, 'asymptotic'],
  [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5], 28, 0.03779708390871803, 'asymptotic'],
  [[1, 1, 1, 1, 1], [1, 1, 1, 1, 0.5], 15, 0.4237107971667934, 'asymptotic'],
  [
    [3.1, 2.2, 5.5, 4.0, 1.1, 6.3, 7.7, 2.9, 3.3],
    [4.4, 5.1, 6.6, 8.2, 7.0, 9.1, 5.9, 6.1, 4.9, 7.3],
    16,
    0.019964453305216043,
    'asymptotic',
  ],
];

describe('mannWhitneyU', () => {
  it.each(cases)('%j vs %j → U=%d, p=%f', (x, y, u, p, method) => {
    const r = mannWhitneyU(x, y);
    expect(r.u).toBe(u);
    expect(r.method).toBe(method);
    expect(r.p).toBeCloseTo(p, 6);
  });
  it('gives p = 1 when every value is equal', () => {
    expect(mannWhitneyU([1, 1, 1], [1, 1, 1]).p).toBe(1);
  });
  it('rejects an empty sample', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/non-empty/);
  });
});

describe('holm', () => {
  it('matches statsmodels multipletests(method="holm")', () => {
    expect(holm([0.01, 0.04, 0.03, 0.2])).toEqual([0.04, 0.09, 0.09, 0.2]);
    expect(holm([0.5, 0.6])).toEqual([1, 1]);
  });
});

describe('bootstrapCi', () => {
  const data = Array.from({ length: 200 }, (_, i) => Math.sin(i * 12.9898) * 2);
  it('is reproducible from the seed and brackets the mean', () => {
    const a = bootstrapCi(data, Rng.fromSeed(1));
    expect(bootstrapCi(data, Rng.fromSeed(1))).toEqual(a);
    expect(a[0]).toBeLessThan(mean(data));
    expect(a[1]).toBeGreaterThan(mean(data));
  });
  it('has the normal-theory width for a large sample (± 1.96 s/√n)', () => {
    const [lo, hi] = bootstrapCi(data, Rng.fromSeed(2), { resamples: 4000 });
    const half = (1.96 * std(data)) / Math.sqrt(data.length);
    expect((hi - lo) / 2).toBeGreaterThan(half * 0.85);
    expect((hi - lo) / 2).toBeLessThan(half * 1.15);
  });
  it('collapses to the value for a constant sample', () => {
    expect(bootstrapCi([3, 3, 3], Rng.fromSeed(0))).toEqual([3, 3]);
  });
});
