import { Rng } from '@evoprop/tensor';
import { describe, expect, it, vi } from 'vitest';
import { EvolutionError } from './errors.js';
import { strategies, type StrategyName } from './registry.js';
import type { DefinedStrategy, StrategyState } from './strategy.js';
import { sphere } from './testing-fixtures/objectives.js';

type Erased = DefinedStrategy<object, StrategyState>;
const entries = Object.entries(strategies).map(([name, s]) => [name as StrategyName, s as unknown as Erased] as const);
const config = (name: StrategyName): object =>
  name === 'openAiEs' || name === 'pgpe' ? { sigma: 0.5, populationSize: 8 } : { sigma: 0.5 };

/** The stop criteria each family honours; every other key must be rejected. */
const honoured: Record<StrategyName, readonly string[]> = {
  ga: ['targetFitness', 'evaluations', 'generations'],
  deepGa: ['targetFitness', 'evaluations', 'generations'],
  openAiEs: ['targetFitness', 'evaluations', 'generations'],
  pgpe: ['targetFitness', 'evaluations', 'generations'],
  snes: ['targetFitness', 'evaluations', 'generations', 'tolX'],
  xnes: ['targetFitness', 'evaluations', 'generations', 'tolX'],
  cmaEs: ['targetFitness', 'evaluations', 'generations', 'tolFun', 'tolX', 'tolConditionCov'],
  sepCmaEs: ['targetFitness', 'evaluations', 'generations', 'tolFun', 'tolX', 'tolConditionCov'],
  ipopCmaEs: ['targetFitness', 'evaluations', 'generations', 'tolFun', 'tolX', 'tolConditionCov'],
  bipopCmaEs: ['targetFitness', 'evaluations', 'generations', 'tolFun', 'tolX', 'tolConditionCov'],
};
const allCriteria = ['targetFitness', 'evaluations', 'generations', 'tolFun', 'tolX', 'tolConditionCov'];
const sampleValue = (key: string): number =>
  key === 'evaluations' || key === 'generations' ? 10 : key === 'tolConditionCov' ? 1e10 : 1e-9;

/** The name-keyed table the trainer charged before each strategy declared its own cost (trainer/strategy-flops.ts). */
function oldTable(name: StrategyName, n: number, populationSize: number): number {
  const fullCovariance = ['cmaEs', 'ipopCmaEs', 'bipopCmaEs', 'xnes'];
  if (fullCovariance.includes(name)) return 4 * populationSize * n * n + n * n * n;
  return 10 * populationSize * n;
}

describe.each(entries)('strategy bookkeeping: %s', (name, strategy) => {
  it('accepts exactly the stop criteria its family honours and names the rest', () => {
    for (const key of allCriteria) {
      const init = () => strategy.init([1, 2], { ...config(name), stop: { [key]: sampleValue(key) } }, Rng.fromSeed(0));
      if (honoured[name].includes(key)) expect(init).not.toThrow();
      else {
        expect(init).toThrow(EvolutionError);
        expect(init).toThrow(
          new RegExp(
            `stop\\.${key}: expected '${key}' is not a stop criterion .* honours \\(expected one of ${honoured[name].join(', ')}\\), got `,
          ),
        );
      }
    }
    expect(() => strategy.validate({ ...config(name), stop: { tolx: 1 } })).toThrow(/'tolx' is not a stop criterion/);
  });

  it('tracks the best candidate ever told, not the last generation’s', () => {
    let state = strategy.init([3, -2, 1], config(name), Rng.fromSeed(1));
    expect(state.bestFitness).toBe(Infinity);
    expect(Array.from(state.best)).toEqual([3, -2, 1]);
    let best = Infinity;
    let bestX: number[] = [];
    for (let g = 0; g < 4; g++) {
      const asked = strategy.ask(state);
      // Generation 1 gets the lowest values; later generations are all worse, so the best stays.
      const fitness = asked.candidates.map((x, i) => (g === 1 ? sphere(x) - 1000 + i : sphere(x) + 1000));
      fitness[0] = Number.NaN; // non-finite fitness never becomes the best
      for (let i = 1; i < fitness.length; i++) {
        if (fitness[i] < best) {
          best = fitness[i];
          bestX = Array.from(asked.candidates[i]);
        }
      }
      state = strategy.tell(asked.state, asked.candidates, fitness);
      expect(state.generation).toBe(g + 1);
    }
    expect(state.bestFitness).toBe(best);
    expect(Array.from(state.best)).toEqual(bestX);
  });

  it('counts evaluations and stops on the budget before its own criteria', () => {
    let state = strategy.init([1, 1], { ...config(name), stop: { generations: 2 } }, Rng.fromSeed(2));
    let told = 0;
    while (state.stop === null) {
      const asked = strategy.ask(state);
      told += asked.candidates.length;
      state = strategy.tell(asked.state, asked.candidates, asked.candidates.map(sphere));
    }
    expect(state.stop).toBe('generations');
    expect(state.generation).toBe(2);
    expect(state.evaluations).toBe(told);
  });

  it('takes the old maxGenerations / maxEvaluations as the budget names generations / evaluations', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const old = strategy.init([1, 1], { ...config(name), stop: { maxGenerations: 2, maxEvaluations: 1000 } }, Rng.fromSeed(2));
    const now = strategy.init([1, 1], { ...config(name), stop: { generations: 2, evaluations: 1000 } }, Rng.fromSeed(2));
    expect(old).toEqual(now);
    expect(emit).toHaveBeenCalledWith(expect.stringMatching(/'maxGenerations' is deprecated, write 'generations'/), expect.anything());
    emit.mockRestore();
  });

  it('declares the FLOP cost the trainer charged from its old name-keyed table', () => {
    for (const [n, populationSize] of [
      [1, 2],
      [10, 14],
      [250, 50],
    ] as const) {
      expect(strategy.flopsPerGeneration(n, populationSize)).toBe(oldTable(name, n, populationSize));
    }
  });

  it('takes the mean as an argument of init, and the older config form gives the same state', () => {
    const a = strategy.init([1, 2, 3], config(name), Rng.fromSeed(3));
    const b = strategy.init({ mean: [1, 2, 3], ...config(name) }, Rng.fromSeed(3));
    expect(a).toEqual(b);
    expect(strategy.mean(a).length).toBe(3);
    expect(() => strategy.init(config(name) as never, Rng.fromSeed(3))).toThrow(/expected an initial mean/);
    expect(() => strategy.init([1, Number.NaN], config(name), Rng.fromSeed(3))).toThrow(/mean: a finite number/);
    expect(() => strategy.init([1, 2], { ...config(name), mean: [1, 2] }, Rng.fromSeed(3))).toThrow(
      /mean: expected one of the keys .*, got unknown key 'mean'/,
    );
  });

  it('validates a config without a mean, as init would', () => {
    expect(() => strategy.validate(config(name))).not.toThrow();
    expect(() => strategy.validate({ ...config(name), populationSise: 4 })).toThrow(
      /unknown key 'populationSise' \(did you mean 'populationSize'\?\)/,
    );
  });
});
