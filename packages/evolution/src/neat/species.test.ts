import { describe, expect, it } from 'vitest';
import { neatConfig } from './config.js';
import { adjustThreshold, allocateOffspring, speciate } from './species.js';
import { genomeOf } from './test-helpers.js';

describe('speciation (p. 110)', () => {
  const config = neatConfig('paper');
  const near = (w: number) =>
    genomeOf(1, 1, [
      [0, 0, 2, w],
      [1, 1, 2, w],
    ]);
  const far = genomeOf(1, 1, [
    [0, 0, 2, 0],
    [1, 1, 2, 0],
    [2, 0, 3, 1],
    [3, 3, 2, 1],
    [4, 1, 3, 1],
  ]);

  it('places each genome in the first compatible species, or founds a new one', () => {
    const { species, nextSpeciesId } = speciate([], [near(0), near(1), far, near(0.5)], 3, config, 0, 0);
    expect(species.map((s) => s.members)).toEqual([[0, 1, 3], [2]]);
    expect(nextSpeciesId).toBe(2);
  });

  it('keeps existing species (by representative) and drops empty ones', () => {
    const first = speciate([], [near(0), far], 3, config, 0, 0);
    const second = speciate(first.species, [far, far], 3, config, 1, first.nextSpeciesId);
    expect(second.species.map((s) => [s.id, s.members])).toEqual([[1, [0, 1]]]);
  });

  it('moves δt toward a target species count', () => {
    const c = neatConfig('paper', { compatibility: { targetSpecies: 5, thresholdStep: 0.5, minThreshold: 1 } });
    expect(adjustThreshold(3, 2, c)).toBe(2.5);
    expect(adjustThreshold(3, 9, c)).toBe(3.5);
    expect(adjustThreshold(1, 2, c)).toBe(1);
    expect(adjustThreshold(3, 2, config)).toBe(3);
  });
});

describe('offspring allocation by shared fitness (p. 110)', () => {
  it('is proportional to mean fitness and sums to the population size', () => {
    expect(allocateOffspring([1, 1, 2], [true, true, true], 100)).toEqual([25, 25, 50]);
    const counts = allocateOffspring([3, 1, 1.5, 0.2], [true, true, true, true], 150);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(150);
  });

  it('gives stagnant species nothing, and shares equally when all fitness is zero', () => {
    expect(allocateOffspring([5, 1], [false, true], 10)).toEqual([0, 10]);
    expect(allocateOffspring([0, 0, 0], [true, true, true], 10)).toEqual([4, 3, 3]);
  });
});
