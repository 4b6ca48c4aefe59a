import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mann-whitney.js';
import { runtimeRankSum } from './runtime-test.js';

const hit = (cost: number) => ({ hit: cost, finalGap: null });
const miss = (gap: number | null) => ({ hit: null, finalGap: gap });

describe('runtimeRankSum', () => {
  it('ranks every hit before every miss: five hits against five misses is the exact test’s smallest p', () => {
    const t = runtimeRankSum([hit(500), hit(400), hit(900), hit(450), hit(800)], [miss(3), miss(1e-3), miss(20), miss(2), miss(7)]);
    // scipy.stats.mannwhitneyu([1..5], [6..10]): U = 0, p = 2 / C(10, 5) = 0.0079365.
    expect(t.u).toBe(0);
    expect(t.p).toBeCloseTo(0.007936507936507936, 12);
    expect(t.better).toBe('first');
  });

  it('orders hits by cost and misses by their final gap (unknown last), as plain ranks would', () => {
    const x = [hit(10), hit(30), miss(0.5), miss(null)];
    const y = [hit(20), miss(0.1), miss(2)];
    // Equivalent plain scores: hits by cost, misses after every hit by gap, null gap last.
    const score = (s: (typeof x)[number]) => (s.hit !== null ? s.hit : 1e6 + (s.finalGap ?? 1e6));
    const expected = mannWhitneyU(x.map(score), y.map(score));
    const t = runtimeRankSum(x, y);
    expect(t.u).toBe(expected.u);
    expect(t.p).toBeCloseTo(expected.p, 12);
  });

  it('treats equal samples as ties and says neither is faster when they match', () => {
    const t = runtimeRankSum([miss(1), miss(1)], [miss(1), miss(1)]);
    expect(t.p).toBe(1);
    expect(t.better).toBe('neither');
    expect(runtimeRankSum([miss(5), miss(6)], [hit(1), hit(2)]).better).toBe('second');
  });
});
