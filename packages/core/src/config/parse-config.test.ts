import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, SpecError } from '../errors.js';
import { mlpConfigSchema, mlpFields } from './mlp-config.js';
import { parseConfig, parseExactly } from './parse-config.js';

const optimizer = z.discriminatedUnion('name', [
  z.strictObject({
    name: z.literal('sgd'),
    learningRate: z.number().positive().default(0.01),
    momentum: z.number().min(0).lt(1).default(0),
  }),
  z.strictObject({ name: z.literal('adam'), learningRate: z.number().positive().default(1e-3), b1: z.number().default(0.9) }),
]);
const schema = z.strictObject({
  optimizer: optimizer.default({ name: 'adam', learningRate: 1e-3, b1: 0.9 }),
  model: mlpConfigSchema({ hidden: [16], activation: 'tanh' }),
  sigma: z.number().positive(),
  populationSize: z.number().int().min(2),
  stop: z.strictObject({ maxGenerations: z.number().int().positive().optional() }).optional(),
  layers: z.array(z.strictObject({ units: z.number().int().positive() })).default([]),
});

/** The ConfigError a bad config is rejected with. */
function rejected(input: unknown, options = {}): ConfigError {
  try {
    parseConfig(schema, input, 'es config', options);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('fills defaults and returns the parsed config', () => {
    expect(parseConfig(schema, { sigma: 0.5, populationSize: 4 }, 'c')).toEqual({
      optimizer: { name: 'adam', learningRate: 1e-3, b1: 0.9 },
      model: { hidden: [16], activation: 'tanh' },
      sigma: 0.5,
      populationSize: 4,
      layers: [],
    });
  });

  it('names an unknown top-level key with the closest valid key and every valid key', () => {
    const e = rejected({ sigma: 1, populationSise: 4 });
    expect(e.where).toBe('es config.populationSise');
    expect(e.actual).toBe("unknown key 'populationSise' (did you mean 'populationSize'?)");
    expect(e.expected).toBe('one of the keys layers, model, optimizer, populationSize, sigma, stop');
  });

  it('names the valid keys of a nested object, of the union branch the value chose, and inside arrays', () => {
    const e = rejected({
      sigma: 1,
      populationSize: 4,
      optimizer: { name: 'sgd', lr: 0.1 },
      stop: { maxGeneration: 3 },
      layers: [{ unit: 3 }],
    });
    expect(e.problems).toEqual([
      {
        where: 'es config.optimizer.lr',
        expected: 'one of the keys learningRate, momentum, name',
        actual: "unknown key 'lr' (did you mean 'learningRate'?)",
      },
      {
        where: 'es config.stop.maxGeneration',
        expected: 'one of the keys maxGenerations',
        actual: "unknown key 'maxGeneration' (did you mean 'maxGenerations'?)",
      },
      { where: 'es config.layers[0].unit', expected: 'one of the keys units', actual: "unknown key 'unit' (did you mean 'units'?)" },
      { where: 'es config.layers[0].units', expected: 'number', actual: "nothing (missing key 'units'; suggested: 1)" },
    ]);
    expect(e.message.split('\n')).toHaveLength(4);
    expect(rejected({ sigma: 1, populationSize: 4, model: { hiden: [4] } }).actual).toBe("unknown key 'hiden' (did you mean 'hidden'?)");
  });

  it('names a missing key with a suggested value from the schema or from a preset', () => {
    const e = rejected({ populationSize: 4 });
    expect(e.where).toBe('es config.sigma');
    expect(e.expected).toBe('number');
    expect(e.actual).toBe("nothing (missing key 'sigma'; suggested: 1)");
    expect(rejected({ sigma: 1 }).actual).toBe("nothing (missing key 'populationSize'; suggested: 2)");
    expect(rejected({ populationSize: 4 }, { suggestions: { sigma: 0.3 } }).actual).toBe("nothing (missing key 'sigma'; suggested: 0.3)");
  });

  it('names the path, what was expected and what was found for a bad value', () => {
    const e = rejected({ sigma: -1, populationSize: 4 });
    expect([e.where, e.expected, e.actual]).toEqual(['es config.sigma', 'a number >0', '-1']);
    expect(rejected({ sigma: 1, populationSize: 4, model: { hidden: [0] } }).where).toBe('es config.model.hidden[0]');
    expect(rejected({ sigma: 1, populationSize: 4, model: { activation: 'relux' } }).expected).toMatch(/relu.*tanh/);
  });

  it('treats a missing config as {} and makes a loose top-level object strict', () => {
    expect(parseConfig(z.object({ a: z.number().default(1) }), undefined, 'c')).toEqual({ a: 1 });
    expect(() => parseConfig(z.object({ a: z.number().default(1) }), { b: 2 }, 'c')).toThrow(
      "c.b: expected one of the keys a, got unknown key 'b'",
    );
  });

  it('throws the error class it is given, with the first problem', () => {
    expect(() => parseExactly(z.strictObject({ units: z.number() }), { unit: 2 }, 'dense', { error: SpecError })).toThrow(SpecError);
    expect(() => parseExactly(z.number(), undefined, 'n')).toThrow('n: expected number, got undefined');
  });
});

describe('mlpFields', () => {
  it('keeps each trainer its own defaults', () => {
    const a = z.strictObject(mlpFields({ hidden: [16, 16], activation: 'tanh' }));
    const b = z.strictObject(mlpFields({ hidden: [32], activation: 'relu' }));
    expect(a.parse({})).toEqual({ hidden: [16, 16], activation: 'tanh' });
    expect(b.parse({})).toEqual({ hidden: [32], activation: 'relu' });
    expect(a.parse({}).hidden).not.toBe(a.parse({}).hidden);
  });

  it('refuses a hidden layer too large for memory when the config is parsed, naming the limit', () => {
    const e = rejected({ sigma: 1, populationSize: 4, model: { hidden: [1e6] } });
    expect(e.where).toBe('es config.model.hidden');
    expect(e.expected).toBe('a model within the memory limit of 2.00 GiB');
    expect(e.actual).toMatch(/^hidden \[1000000\]: at least 3,000,001 parameters and 7\.6\d GiB for a step on 1024 rows/);
  });
});
