import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { sphere } from '../testing-fixtures/objectives.js';
import { decodeSeedGenome, deepGa, encodeSeedGenome, parseSeedGenome } from './deep-ga.js';

describe('deep GA (Such et al. 2017)', () => {
  const config = { sigma: 0.05, populationSize: 20, truncation: 5 };

  it('every candidate is θ0 plus its seeds’ mutations: decoding a genome gives the evaluated bits', () => {
    let state = deepGa.init([1, 2, 3, 4], config, Rng.fromSeed(1));
    for (let g = 0; g < 6; g++) {
      const asked = deepGa.ask(state);
      asked.candidates.forEach((x, i) => {
        expect(Array.from(decodeSeedGenome(state.origin, asked.state.pending[i] ?? [], state.sigma))).toEqual(Array.from(x));
      });
      state = deepGa.tell(asked.state, asked.candidates, asked.candidates.map(sphere));
    }
    // One seed per generation the lineage lived through.
    expect(state.elite?.length).toBeGreaterThan(1);
    expect(state.elite?.length).toBeLessThanOrEqual(6);
    expect(Array.from(deepGa.mean(state))).toEqual(Array.from(decodeSeedGenome(state.origin, state.elite ?? [], state.sigma)));
  });

  it('truncation selection: children descend only from the top T; the elite comes back first, unchanged', () => {
    let state = deepGa.init([1, 1], config, Rng.fromSeed(2));
    const first = deepGa.ask(state);
    state = deepGa.tell(first.state, first.candidates, first.candidates.map(sphere));
    const parents = new Set(state.parents.map((p) => p.join(',')));
    const next = deepGa.ask(state);
    expect(next.state.pending[0]).toEqual(state.elite);
    expect(Array.from(next.candidates[0] ?? [])).toEqual(Array.from(deepGa.mean(state)));
    for (const genome of next.state.pending.slice(1)) expect(parents.has(genome.slice(0, -1).join(','))).toBe(true);
  });

  it('the elite is re-evaluated: a lucky score is forgotten when the new score is worse than a child', () => {
    let state = deepGa.init([0, 0], { ...config, truncation: 2 }, Rng.fromSeed(3));
    let asked = deepGa.ask(state);
    // Candidate 4 gets a lucky score and becomes the elite.
    state = deepGa.tell(
      asked.state,
      asked.candidates,
      asked.candidates.map((_, i) => (i === 4 ? -100 : i)),
    );
    const lucky = state.elite;
    asked = deepGa.ask(state);
    state = deepGa.tell(
      asked.state,
      asked.candidates,
      asked.candidates.map((_, i) => (i === 0 ? 50 : i)),
    );
    expect(state.elite).not.toEqual(lucky);
    expect(state.elite).toEqual(asked.state.pending[1]);
  });

  it('a genome is 4 bytes per seed and round-trips', () => {
    const genome = [0, 1, 2 ** 32 - 1, 123456789];
    const bytes = encodeSeedGenome(genome);
    expect(bytes.length).toBe(16);
    expect(parseSeedGenome(bytes)).toEqual(genome);
    expect(() => parseSeedGenome(new Uint8Array(5))).toThrow(/multiple of 4/);
  });

  it('rejects a truncation larger than the population', () => {
    expect(() => deepGa.init([0], { populationSize: 4, truncation: 5 }, Rng.fromSeed(0))).toThrow(/truncation/);
  });
});
