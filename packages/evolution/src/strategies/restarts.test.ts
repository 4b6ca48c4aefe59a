import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { minimize } from '../minimize.js';
import { rastrigin } from '../testing-fixtures/objectives.js';
import { bipopCmaEs, ipopCmaEs } from './restarts.js';

const config = {
  mean: new Array(10).fill(0),
  sigma: 2,
  initialRegion: { lower: -5.12, upper: 5.12 },
  stop: { targetFitness: 1e-8, evaluations: 300_000 },
};

describe('IPOP / BIPOP CMA-ES', () => {
  // The unit test runs 3 seeds to stay cheap; bench/cma-es.ts runs all 10 (every one solves it).
  it.each([0, 1, 2])('IPOP solves 10-D Rastrigin (seed %i) by doubling the population', (seed) => {
    const state = minimize(ipopCmaEs, config, rastrigin, { rng: Rng.fromSeed(seed) });
    expect(state.stop).toBe('targetFitness');
    expect(state.bestFitness).toBeLessThan(1e-8);
    expect(state.runs.length).toBeGreaterThan(0);
    const sizes = state.runs.map((r) => r.populationSize);
    expect(sizes[sizes.length - 1]).toBe(state.inner.constants.lambda);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBe(sizes[i - 1] * 2);
  });

  it('a single CMA-ES run with the default population gets stuck in a local minimum', () => {
    const state = minimize(ipopCmaEs, { ...config, maxRestarts: 0 }, rastrigin, { rng: Rng.fromSeed(0) });
    expect(state.stop).toBe('maxRestarts');
    expect(state.bestFitness).toBeGreaterThan(1);
  });

  it('BIPOP interleaves small-population runs with random λ and σ', () => {
    const state = minimize(bipopCmaEs, { ...config, stop: { evaluations: 20_000 } }, rastrigin, { rng: Rng.fromSeed(1) });
    expect(state.stop).toBe('evaluations');
    expect(state.evaluationsSmall).toBeGreaterThan(0);
    expect(state.evaluationsLarge).toBeGreaterThan(0);
    expect(state.evaluations).toBe(state.evaluationsLarge + state.evaluationsSmall);
  });

  it('rejects an empty initial region', () => {
    expect(() => ipopCmaEs.init({ ...config, initialRegion: { lower: 1, upper: 1 } }, Rng.fromSeed(0))).toThrow(
      /initialRegion.lower < initialRegion.upper/,
    );
  });
});
