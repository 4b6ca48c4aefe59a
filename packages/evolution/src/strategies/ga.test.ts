import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { crossover } from '../ga/crossover.js';
import { mutate } from '../ga/mutation.js';
import { makeSelector, type Selection } from '../ga/selection.js';
import { minimize } from '../minimize.js';
import { rastrigin, sphere } from '../testing-fixtures/objectives.js';
import { ga } from './ga.js';

const n = 10;
const p1 = Float64Array.from({ length: 8 }, () => 0);
const p2 = Float64Array.from({ length: 8 }, () => 1);

describe('GA operators', () => {
  const fitness = Float64Array.from([5, 1, 3, 4, 2, 9, 8, 7, 6, 0]);
  it.each<Selection>([
    { kind: 'tournament', size: 3 },
    { kind: 'roulette' },
    { kind: 'rank', pressure: 2 },
    { kind: 'truncation', fraction: 0.3 },
  ])('$kind selection prefers lower fitness', (selection) => {
    const select = makeSelector(selection, fitness, Rng.fromSeed(1));
    let sum = 0;
    for (let i = 0; i < 2000; i++) sum += fitness[select()];
    expect(sum / 2000).toBeLessThan(3.3); // uniform choice averages 4.5
  });

  it('truncation picks only from the top fraction', () => {
    const select = makeSelector({ kind: 'truncation', fraction: 0.3 }, fitness, Rng.fromSeed(2));
    const picked = new Set(Array.from({ length: 500 }, select));
    expect([...picked].sort()).toEqual([1, 4, 9]);
  });

  it('one- and two-point crossover keep contiguous blocks from each parent', () => {
    const rng = Rng.fromSeed(3);
    for (let t = 0; t < 20; t++) {
      const one = Array.from(crossover({ kind: 'one-point' }, p1, p2, rng)).join('');
      expect(one).toMatch(/^0+1+$/);
      const two = Array.from(crossover({ kind: 'two-point' }, p1, p2, rng)).join('');
      expect(two).toMatch(/^0+1*0*$/);
    }
  });

  it('uniform takes genes from both parents; arithmetic and blend stay in (expanded) range', () => {
    const rng = Rng.fromSeed(4);
    const u = crossover({ kind: 'uniform' }, p1, p2, rng);
    expect(u.every((v) => v === 0 || v === 1)).toBe(true);
    const a = crossover({ kind: 'arithmetic' }, p1, p2, rng);
    expect(new Set(a).size).toBe(1);
    const b = crossover({ kind: 'blend', alpha: 0.5 }, p1, p2, rng);
    expect(b.every((v) => v >= -0.5 && v <= 1.5)).toBe(true);
  });

  it('SBX children are spread symmetrically around the parents (mean-preserving)', () => {
    const rng = Rng.fromSeed(5);
    const a = Float64Array.from([2]);
    const b = Float64Array.from([4]);
    let sum = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++)
      sum += crossover({ kind: 'sbx', eta: 2 }, a, b, rng)[0] + crossover({ kind: 'sbx', eta: 2 }, b, a, rng)[0];
    expect(sum / (2 * trials)).toBeCloseTo(3, 1);
  });

  it('self-adaptive mutation changes the step size log-normally; bounds clip', () => {
    const rng = Rng.fromSeed(6);
    const steps = Array.from({ length: 200 }, () =>
      mutate({ kind: 'gaussian', sigma: 1, selfAdaptive: true, rate: 1 }, new Float64Array(4), 1, undefined, rng),
    );
    expect(new Set(steps).size).toBe(200);
    const logMean = steps.reduce((s, v) => s + Math.log(v), 0) / steps.length;
    expect(Math.abs(logMean)).toBeLessThan(0.1);
    const x = new Float64Array(50);
    mutate({ kind: 'gaussian', sigma: 10, selfAdaptive: false, rate: 1 }, x, 10, { lower: -1, upper: 1 }, rng);
    expect(x.every((v) => v >= -1 && v <= 1)).toBe(true);
  });
});

describe('ga', () => {
  it('keeps the elite: the best fitness never gets worse', () => {
    let state = ga.init({ mean: new Array(n).fill(2), eliteCount: 2, populationSize: 20 }, Rng.fromSeed(1));
    let last = Infinity;
    for (let g = 0; g < 30; g++) {
      const a = ga.ask(state);
      state = ga.tell(a.state, a.candidates, a.candidates.map(sphere));
      const best = Math.min(...state.fitness);
      expect(best).toBeLessThanOrEqual(last);
      last = best;
    }
    expect(state.population.length).toBe(20);
  });

  it('10-D sphere: self-adaptive Gaussian mutation reaches f < 1e-10', () => {
    const s = minimize(
      ga,
      {
        mean: new Array(n).fill(3),
        sigma: 1,
        populationSize: 50,
        eliteCount: 2,
        mutation: { kind: 'gaussian', sigma: 0.5, rate: 0.3, selfAdaptive: true },
      },
      sphere,
      { rng: Rng.fromSeed(0), generations: 300 },
    );
    expect(s.bestFitness).toBeLessThan(1e-10);
  });

  it('10-D Rastrigin: uniform crossover + Gaussian mutation reaches the global basin (f < 1; uniform random mutation stays > 40)', () => {
    const base = { mean: new Array(n).fill(0), sigma: 3, populationSize: 100, eliteCount: 2, bounds: { lower: -5.12, upper: 5.12 } };
    for (const seed of [0, 1]) {
      const s = minimize(ga, { ...base, crossover: { kind: 'uniform' }, mutation: { kind: 'gaussian', sigma: 1, rate: 0.1 } }, rastrigin, {
        rng: Rng.fromSeed(seed),
        generations: 300,
      });
      expect(s.bestFitness).toBeLessThan(1);
    }
    const random = minimize(ga, { ...base, crossoverRate: 0, mutation: { kind: 'uniform', rate: 1 } }, rastrigin, {
      rng: Rng.fromSeed(0),
      generations: 300,
    });
    expect(random.bestFitness).toBeGreaterThan(40);
  });

  it('rejects bad configs loudly', () => {
    expect(() => ga.init({ mean: [0], mutation: { kind: 'uniform' } }, Rng.fromSeed(0))).toThrow(
      /bounds \{ lower, upper \} with uniform mutation/,
    );
    expect(() => ga.init({ mean: [0], populationSize: 4, eliteCount: 4 }, Rng.fromSeed(0))).toThrow(
      /eliteCount < populationSize \(4\), got 4/,
    );
    expect(() => ga.init({ mean: [0], selection: { kind: 'lottery' } } as never, Rng.fromSeed(0))).toThrow(/selection/);
  });
});
