import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mlpConfigSchema, mlpFields } from './mlp-config.js';
import { modelKeysOf, withRecommendedModel } from './recommended-model.js';

const top = z.strictObject({ ...mlpFields({ hidden: [16, 16], activation: 'tanh' }), batchSize: z.number().default(1) });
const nested = z.strictObject({ strategy: z.string(), model: mlpConfigSchema({ hidden: [16], activation: 'tanh' }) });
const none = z.strictObject({ populationSize: z.number().default(150) });
const xor = { hidden: [4], activation: 'relu' } as const;

describe('withRecommendedModel', () => {
  it('finds where a schema keeps its MLP', () => {
    expect(modelKeysOf(top)).toBe('top');
    expect(modelKeysOf(nested)).toBe('model');
    expect(modelKeysOf(none)).toBeNull();
    expect(modelKeysOf(undefined)).toBeNull();
  });

  it("fills the task's network where the config leaves it unset, and the result parses", () => {
    const a = withRecommendedModel(top, { batchSize: 4 }, xor);
    expect(a).toEqual({ batchSize: 4, hidden: [4], activation: 'relu' });
    expect(top.parse(a)).toMatchObject({ hidden: [4], activation: 'relu' });
    const b = withRecommendedModel(nested, { strategy: 'cma-es' }, xor);
    expect(nested.parse(b).model).toEqual({ hidden: [4], activation: 'relu' });
  });

  it("the experiment's own hidden layers and activation win", () => {
    expect(withRecommendedModel(top, { hidden: [8] }, xor)).toEqual({ hidden: [8] });
    expect(withRecommendedModel(top, { activation: 'gelu' }, xor)).toEqual({ hidden: [4], activation: 'gelu' });
    expect(withRecommendedModel(nested, { strategy: 's', model: { hidden: [2] } }, xor)).toEqual({ strategy: 's', model: { hidden: [2] } });
  });

  it('leaves configs alone without a recommendation or without an MLP', () => {
    const c = { populationSize: 3 };
    expect(withRecommendedModel(none, c, xor)).toBe(c);
    expect(withRecommendedModel(top, c, undefined)).toBe(c);
  });
});
