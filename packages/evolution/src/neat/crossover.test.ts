import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { neatConfig } from './config.js';
import { crossoverGenomes } from './crossover.js';
import { validateGenome } from './genome.js';
import { NeatNetwork } from './network.js';
import { genomeOf } from './test-helpers.js';

// Figure 4 of the paper (p. 108): parent 1 has genes 1–5 and 8; parent 2 has 1–7, 9, 10 (3 inputs, no bias used, output 4, hidden 5, 6).
// Matching genes are inherited whole here (the paper's rule); averaging is tested on its own.
const config = neatConfig('paper', { reproduction: { averageMatchingProbability: 0 } });
const parent1 = () =>
  genomeOf(3, 1, [
    [1, 0, 4, 1],
    [2, 1, 4, 1, false],
    [3, 2, 4, 1],
    [4, 1, 5, 1],
    [5, 5, 4, 1],
    [8, 0, 5, 1],
  ]);
const parent2 = () =>
  genomeOf(3, 1, [
    [1, 0, 4, 2],
    [2, 1, 4, 2, false],
    [3, 2, 4, 2],
    [4, 1, 5, 2],
    [5, 5, 4, 2, false],
    [6, 5, 6, 2],
    [7, 6, 4, 2],
    [9, 2, 5, 2],
    [10, 0, 6, 2],
  ]);

describe('crossover by innovation number (p. 108)', () => {
  it('takes disjoint and excess genes from the fitter parent only', () => {
    for (let s = 0; s < 20; s++) {
      const child = crossoverGenomes(parent1(), 1, parent2(), 2, Rng.fromSeed(s), config);
      validateGenome(child);
      expect(child.connections.map((c) => c.innovation)).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10]);
      const lean = crossoverGenomes(parent1(), 3, parent2(), 2, Rng.fromSeed(s), config);
      expect(lean.connections.map((c) => c.innovation)).toEqual([1, 2, 3, 4, 5, 8]);
    }
  });

  it('inherits matching genes at random from either parent', () => {
    let fromFirst = 0;
    let total = 0;
    for (let s = 0; s < 200; s++) {
      const child = crossoverGenomes(parent1(), 1, parent2(), 2, Rng.fromSeed(s), config);
      for (const c of child.connections.filter((x) => x.innovation <= 5)) {
        total++;
        if (c.weight === 1) fromFirst++;
      }
    }
    expect(fromFirst / total).toBeGreaterThan(0.45);
    expect(fromFirst / total).toBeLessThan(0.55);
  });

  it('disables a gene disabled in either parent with probability 0.75 (p. 113)', () => {
    let disabled = 0;
    const n = 2000;
    for (let s = 0; s < n; s++) {
      const child = crossoverGenomes(parent1(), 1, parent2(), 2, Rng.fromSeed(s), config);
      if (!child.connections.find((c) => c.innovation === 5)?.enabled) disabled++;
      expect(child.connections.find((c) => c.innovation === 1)?.enabled).toBe(true);
    }
    expect(disabled / n).toBeGreaterThan(0.72);
    expect(disabled / n).toBeLessThan(0.78);
  });

  it('with equal fitness inherits disjoint and excess genes from both parents at random (fig. 4)', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 50; s++) {
      const child = crossoverGenomes(parent1(), 2, parent2(), 2, Rng.fromSeed(s), config);
      validateGenome(child);
      expect(() => NeatNetwork.fromGenome(child, { slope: 4.9, recurrent: false, activationSteps: 1 })).not.toThrow();
      for (const c of child.connections) seen.add(c.innovation);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('drops genes that would close a cycle when mixing two feed-forward parents', () => {
    // a: 0→3→4→2 ; b: 0→4→3→2  (hidden 3, 4); both acyclic, their union is not.
    const a = genomeOf(1, 1, [
      [0, 0, 3, 1],
      [1, 3, 4, 1],
      [2, 4, 2, 1],
    ]);
    const b = genomeOf(1, 1, [
      [0, 0, 3, 1],
      [3, 0, 4, 1],
      [4, 4, 3, 1],
      [5, 3, 2, 1],
    ]);
    for (let s = 0; s < 30; s++) {
      const child = crossoverGenomes(a, 1, b, 1, Rng.fromSeed(s), config);
      expect(() => NeatNetwork.fromGenome(child, { slope: 4.9, recurrent: false, activationSteps: 1 })).not.toThrow();
    }
  });

  it('averages matching weights with averageMatchingProbability (NEAT C++ mate_multipoint_avg)', () => {
    const avg = neatConfig('paper', { reproduction: { averageMatchingProbability: 1 } });
    const child = crossoverGenomes(parent1(), 1, parent2(), 2, Rng.fromSeed(3), avg);
    expect(child.connections.filter((c) => c.innovation <= 5).map((c) => c.weight)).toEqual([1.5, 1.5, 1.5, 1.5, 1.5]);
    expect(child.connections.filter((c) => c.innovation > 5).map((c) => c.weight)).toEqual([2, 2, 2, 2]);
  });

  it("with equalFitness 'smaller' takes the unmatched genes of the parent with fewer genes only", () => {
    const smaller = neatConfig('paper', { reproduction: { equalFitness: 'smaller', averageMatchingProbability: 0 } });
    for (let s = 0; s < 10; s++) {
      const child = crossoverGenomes(parent2(), 2, parent1(), 2, Rng.fromSeed(s), smaller);
      expect(child.connections.map((c) => c.innovation)).toEqual([1, 2, 3, 4, 5, 8]);
    }
  });

  it('keeps an unmatched disabled gene disabled with keepUnmatchedDisabled (NEAT C++), else re-enables it 25 % of the time', () => {
    const lone = () =>
      genomeOf(3, 1, [
        [1, 0, 4, 1],
        [2, 1, 4, 1, false],
      ]);
    const other = () => genomeOf(3, 1, [[1, 0, 4, 2]]);
    const keep = neatConfig('paper', { reproduction: { keepUnmatchedDisabled: true } });
    let reenabled = 0;
    for (let s = 0; s < 400; s++) {
      expect(crossoverGenomes(lone(), 2, other(), 1, Rng.fromSeed(s), keep).connections[1]?.enabled).toBe(false);
      if (crossoverGenomes(lone(), 2, other(), 1, Rng.fromSeed(s), config).connections[1]?.enabled) reenabled++;
    }
    expect(reenabled / 400).toBeGreaterThan(0.18);
    expect(reenabled / 400).toBeLessThan(0.32);
  });
});
