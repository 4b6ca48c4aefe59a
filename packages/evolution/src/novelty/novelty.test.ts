import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { deepGa } from '../strategies/deep-ga.js';
import { addToArchive, initNovelty, noveltyStep, sparseness } from './novelty.js';

describe('novelty search (Lehman & Stanley 2011)', () => {
  it('sparseness is the mean distance to the k nearest others in the population and the archive (eq. 1)', () => {
    const population = [
      [0, 0],
      [3, 4],
      [0, 1],
    ];
    const archive = [[0, 3]];
    const s = sparseness(population, archive, 2);
    // [0,0]: distances 5, 1, 3 -> nearest two 1, 3; [3,4]: 5, √18, √10; [0,1]: 1, √18, 2.
    expect(s[0]).toBeCloseTo(2, 12);
    expect(s[1]).toBeCloseTo((Math.sqrt(10) + Math.sqrt(18)) / 2, 12);
    expect(s[2]).toBeCloseTo(1.5, 12);
    // Fewer neighbours than k: the mean of those there are.
    expect(Array.from(sparseness([[0], [2]], [], 15))).toEqual([2, 2]);
    expect(() => sparseness([[0, 0]], [[1]], 1)).toThrow(/length 2/);
  });

  it('archives behaviours above ρ_min, raises ρ_min after a crowded generation and lowers it after idle ones', () => {
    let state = initNovelty({ k: 1, threshold: 1, raiseAbove: 1, lowerAfter: 2 });
    const step = noveltyStep(state, [[0], [5], [10]]);
    expect(step.state.archive).toEqual([[0], [5], [10]]);
    expect(step.state.threshold).toBeCloseTo(1.2, 12);
    state = step.state;
    for (let g = 0; g < 2; g++) state = noveltyStep(state, [[5], [5]]).state;
    expect(state.archive).toHaveLength(3);
    expect(state.threshold).toBeCloseTo(1.2 * 0.95, 12);
    expect(addToArchive(state, [[7]]).archived).toBe(4);
    expect(() => initNovelty({ k: 0 })).toThrow(/k/);
  });

  it('mixes in the fitness: w = 1 ranks by fitness alone, w = 0 by novelty alone', () => {
    const behaviours = [[0], [1], [10]];
    const fitness = [3, 2, 1];
    const novelty = noveltyStep(initNovelty({ k: 1 }), behaviours).scores;
    expect(novelty[2]).toBeGreaterThan(novelty[0] as number);
    const objective = noveltyStep(initNovelty({ k: 1, fitnessWeight: 1 }), behaviours, fitness).scores;
    expect(Array.from(objective)).toEqual([1, 0.5, 0]);
    expect(() => noveltyStep(initNovelty({ fitnessWeight: 0.5 }), behaviours)).toThrow(/fitness/);
  });

  it('drives an ask/tell strategy outward: the deep GA told −novelty spreads far beyond a random walk', () => {
    const run = (useNovelty: boolean): number => {
      let state = deepGa.init([0, 0], { sigma: 0.1, populationSize: 20, truncation: 5 }, Rng.fromSeed(5));
      let archive = initNovelty({ k: 5, threshold: 0.2 });
      let farthest = 0;
      for (let g = 0; g < 30; g++) {
        const asked = deepGa.ask(state);
        const step = noveltyStep(archive, asked.candidates);
        archive = step.state;
        // Lower is better for ask/tell strategies: tell the negated novelty (or nothing to prefer).
        state = deepGa.tell(asked.state, asked.candidates, useNovelty ? Array.from(step.scores, (s) => -s) : asked.candidates.map(() => 0));
        for (const x of asked.candidates) farthest = Math.max(farthest, Math.hypot(x[0] as number, x[1] as number));
      }
      return farthest;
    };
    expect(run(true)).toBeGreaterThan(2 * run(false));
  });

  it('keeps the k nearest by partial selection and still equals averaging the sorted distances, ties and k beyond n included', () => {
    const reference = (population: number[][], archive: number[][], k: number): number[] =>
      population.map((x, i) => {
        const d = [...population.filter((_, j) => j !== i), ...archive].map((y) =>
          Math.sqrt(x.reduce((s, v, m) => s + (v - (y[m] as number)) ** 2, 0)),
        );
        d.sort((a, b) => a - b);
        const n = Math.min(k, d.length);
        return n === 0 ? 0 : d.slice(0, n).reduce((s, v) => s + v, 0) / n;
      });
    const rng = Rng.fromSeed(2);
    for (let trial = 0; trial < 50; trial++) {
      // Coordinates on a coarse grid, so many distances tie.
      const point = () => [rng.int(0, 6), rng.int(0, 6) / 3];
      const population = Array.from({ length: rng.int(1, 40) }, point);
      const archive = Array.from({ length: rng.int(0, 60) }, point);
      const k = rng.int(1, 25);
      expect(Array.from(sparseness(population, archive, k))).toEqual(reference(population, archive, k));
    }
  });
});
