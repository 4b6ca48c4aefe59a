import { describe, expect, it } from 'vitest';
import { neatConfig } from './config.js';
import { compatibilityDistance, geneAlignment } from './distance.js';
import { genomeOf } from './test-helpers.js';

describe('compatibility distance (p. 109–110)', () => {
  const config = neatConfig('paper');
  const a = genomeOf(3, 1, [
    [1, 0, 4, 1],
    [2, 1, 4, 1],
    [3, 2, 4, 1],
    [4, 1, 5, 1],
    [5, 5, 4, 1],
    [8, 0, 5, 1],
  ]);
  const b = genomeOf(3, 1, [
    [1, 0, 4, 2],
    [2, 1, 4, 3],
    [3, 2, 4, 1],
    [4, 1, 5, 1],
    [5, 5, 4, 1],
    [6, 5, 6, 1],
    [7, 6, 4, 1],
    [9, 2, 5, 1],
    [10, 0, 6, 1],
  ]);

  it('counts fig. 4: 3 disjoint (6, 7, 8), 2 excess (9, 10), 5 matching', () => {
    expect(geneAlignment(a, b)).toEqual({ excess: 2, disjoint: 3, matching: 5, meanWeightDifference: 3 / 5 });
  });

  it('δ = c1·E/N + c2·D/N + c3·W̄ with N = 1 below 20 genes', () => {
    expect(compatibilityDistance(a, b, config)).toBeCloseTo(2 + 3 + 0.4 * 0.6, 12);
    expect(compatibilityDistance(a, b, config)).toBe(compatibilityDistance(b, a, config));
    expect(compatibilityDistance(a, a, config)).toBe(0);
  });

  it('normalises by the larger genome from 20 genes on', () => {
    const big = genomeOf(
      3,
      1,
      Array.from({ length: 20 }, (_, i) => [i, 0, 4, 0] as const),
    );
    const small = genomeOf(
      3,
      1,
      Array.from({ length: 10 }, (_, i) => [i, 0, 4, 1] as const),
    );
    expect(compatibilityDistance(big, small, config)).toBeCloseTo(10 / 20 + 0.4 * 1, 12);
  });
});
