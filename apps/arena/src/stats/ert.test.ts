import { describe, expect, it } from 'vitest';
import { expectedRunningTime } from './ert.js';

describe('expectedRunningTime', () => {
  it('is the cost of all runs (misses in full) over the number of hits', () => {
    // Two hits at 100 and 300, one miss that spent 1000: (100 + 300 + 1000) / 2.
    expect(
      expectedRunningTime([
        { hit: 100, total: 150 },
        { hit: 300, total: 300 },
        { hit: null, total: 1000 },
      ]),
    ).toBe(700);
    // All hits: the mean runtime.
    expect(
      expectedRunningTime([
        { hit: 10, total: 50 },
        { hit: 30, total: 30 },
      ]),
    ).toBe(20);
  });

  it('is ∞ without a hit and NaN without runs', () => {
    expect(expectedRunningTime([{ hit: null, total: 5 }])).toBe(Number.POSITIVE_INFINITY);
    expect(expectedRunningTime([])).toBeNaN();
  });
});
