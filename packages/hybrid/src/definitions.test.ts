import { ConfigError } from '@evoprop/core';
import { createRegistry, createTrainer } from '@evoprop/core/registry';
import { describe, expect, it } from 'vitest';
import { hybridTrainers } from './definitions.js';

const registry = createRegistry(hybridTrainers, { what: 'trainer' });

describe('hybrid trainer definitions', () => {
  it.each(['memetic', 'pbt', 'neat-backprop'])("'%s' builds from an empty config and its id matches", (id) => {
    expect(createTrainer(registry, id, {}).id).toBe(id);
  });

  it('rejects unknown keys and bad values, naming them', () => {
    expect(() => createTrainer(registry, 'memetic', { strategy: 'gaa' })).toThrow(ConfigError);
    expect(() => createTrainer(registry, 'memetic', { strategy: 'gaa' })).toThrow(/strategy/);
    expect(() => createTrainer(registry, 'pbt', { populationSize: 8, intervall: 3 })).toThrow(/intervall/);
    expect(() => createTrainer(registry, 'pbt', { search: { learningRate: { min: 1, max: 0.1 } } })).toThrow(/learningRate/);
    expect(() => createTrainer(registry, 'neat-backprop', { mode: 'darwinian' })).toThrow(/mode/);
  });
});
