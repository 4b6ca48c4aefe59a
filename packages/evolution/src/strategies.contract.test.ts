import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { minimize } from './minimize.js';
import { strategies } from './registry.js';
import type { Strategy, StrategyState } from './strategy.js';
import { sphere, stateBytes } from './testing-fixtures/objectives.js';

const n = 6;
const mean = new Array(n).fill(3);
const f0 = sphere(mean);

type Erased = Strategy<object, StrategyState>;
/** A sphere-appropriate config per registered strategy; the test fails if a strategy lacks one. */
const sphereConfigs: Record<keyof typeof strategies, object> = {
  ga: { sigma: 1, populationSize: 40, eliteCount: 2, mutation: { kind: 'gaussian', sigma: 0.3, rate: 0.5, selfAdaptive: true } },
  deepGa: { sigma: 0.05, populationSize: 40, truncation: 8 },
  openAiEs: { sigma: 0.3, populationSize: 20, optimizer: { name: 'adam', learningRate: 0.1 } },
  cmaEs: { sigma: 1 },
  sepCmaEs: { sigma: 1 },
  ipopCmaEs: { sigma: 1 },
  bipopCmaEs: { sigma: 1 },
  snes: { sigma: 1 },
  xnes: { sigma: 1 },
  pgpe: { sigma: 1, populationSize: 20, optimizer: { name: 'adam', learningRate: 0.1 } },
};
const entries = Object.entries(strategies).map(([name, s]) => [name, s as unknown as Erased] as const);

function run(strategy: Erased, config: object, seed: number, generations: number, from?: StrategyState): StrategyState {
  let state = from ?? strategy.init(mean, config, Rng.fromSeed(seed));
  for (let g = 0; g < generations; g++) {
    const asked = strategy.ask(state);
    state = strategy.tell(asked.state, asked.candidates, asked.candidates.map(sphere));
  }
  return state;
}

describe.each(entries)('strategy contract: %s', (name, strategy) => {
  const config = sphereConfigs[name as keyof typeof strategies];

  it('minimises the sphere: ask → evaluate → tell', () => {
    const state = minimize(strategy, { mean, ...config }, sphere, { rng: Rng.fromSeed(1), generations: 150 });
    // From f = 54 to a thousandth of it; a strategy that ignores fitness stays near 54
    // (fixed-step gradient estimators such as OpenAI-ES then hover at the scale of lr and σ).
    expect(state.bestFitness).toBeLessThan(0.05);
    expect(sphere(strategy.mean(state))).toBeLessThan(f0 / 100);
    expect(state.generation).toBeGreaterThan(0);
    expect(state.evaluations).toBeGreaterThan(state.generation);
  });

  it('is deterministic given the seed and resumes exactly from a structuredClone checkpoint', () => {
    const a = run(strategy, config, 7, 10);
    const b = run(strategy, config, 7, 10);
    expect(stateBytes(a)).toBe(stateBytes(b));
    expect(stateBytes(run(strategy, config, 8, 10))).not.toBe(stateBytes(a));
    const checkpoint = structuredClone(a);
    const straight = run(strategy, config, 7, 8, a);
    const resumed = run(strategy, config, 7, 8, checkpoint);
    expect(stateBytes(resumed)).toBe(stateBytes(straight));
    // The checkpoint round-trips through JSON-ish plain data too (no functions, no classes).
    expect(() => structuredClone(straight)).not.toThrow();
  });

  it('ask and tell do not mutate the state they are given', () => {
    const s0 = strategy.init(mean, config, Rng.fromSeed(3));
    const before = stateBytes(s0);
    const asked = strategy.ask(s0);
    expect(stateBytes(s0)).toBe(before);
    const askedBytes = stateBytes(asked.state);
    strategy.tell(asked.state, asked.candidates, asked.candidates.map(sphere));
    expect(stateBytes(asked.state)).toBe(askedBytes);
  });

  it('survives NaN and Infinity fitness without poisoning the distribution', () => {
    let state = strategy.init(mean, config, Rng.fromSeed(4));
    for (let g = 0; g < 5; g++) {
      const asked = strategy.ask(state);
      const fitness = asked.candidates.map((x, i) => (i === 0 ? Number.NaN : i === 1 ? Infinity : sphere(x)));
      state = strategy.tell(asked.state, asked.candidates, fitness);
    }
    expect(Array.from(strategy.mean(state)).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(state.bestFitness)).toBe(true);
  });

  it('rejects a tell with the wrong number of fitness values', () => {
    const asked = strategy.ask(strategy.init(mean, config, Rng.fromSeed(5)));
    expect(() => strategy.tell(asked.state, asked.candidates, [1])).toThrow(/expected one fitness per candidate|expected \d+ candidates/);
    expect(() => strategy.tell(asked.state, asked.candidates.slice(1), asked.candidates.slice(1).map(sphere))).toThrow(
      /candidates \(as asked\)/,
    );
  });

  it('rejects unknown config keys, naming them', () => {
    expect(() => strategy.init(mean, { ...config, populationSise: 10 }, Rng.fromSeed(0))).toThrow(
      /unknown key 'populationSise' \(did you mean 'populationSize'\?\)/,
    );
  });

  it('names its paper', () => {
    expect(strategy.paper.length).toBeGreaterThan(10);
  });
});
