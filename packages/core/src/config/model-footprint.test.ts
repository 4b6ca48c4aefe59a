import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { checkMlpFits, mlpFootprint, mlpMemoryLimitBytes } from './model-footprint.js';

describe('mlpFootprint', () => {
  it('counts weights and biases layer by layer', () => {
    expect(mlpFootprint({ hidden: [16], inputSize: 2, outputSize: 2 }).parameters).toBe(2 * 16 + 16 + 16 * 2 + 2);
    expect(mlpFootprint({ hidden: [16, 16], inputSize: 784, outputSize: 10 }).parameters).toBe(784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10);
  });

  it('counts four float32 copies of the parameters and two of every activation', () => {
    expect(mlpFootprint({ hidden: [3], inputSize: 1, outputSize: 1, rows: 10 }).bytes).toBe(4 * (4 * 10 + 2 * 10 * 5));
  });
});

describe('checkMlpFits', () => {
  it('accepts the default models of every trainer', () => {
    for (const hidden of [[16, 16], [16], [32], [8, 8], [256, 128]]) expect(() => checkMlpFits({ hidden }, 'c')).not.toThrow();
  });

  it('refuses a million-unit hidden layer before anything runs, naming the limit', () => {
    const e = (() => {
      try {
        checkMlpFits({ hidden: [1e6] }, 'adam config.hidden');
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error('expected a refusal');
    })();
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.where).toBe('adam config.hidden');
    expect(e.expected).toBe('a model within the memory limit of 2.00 GiB');
    expect(e.actual).toMatch(/^hidden \[1000000\]: at least 3,000,001 parameters and 7\.6\d GiB for a step on 1024 rows/);
    expect(() => checkMlpFits({ hidden: [1e6], rows: 1 }, 'c', mlpMemoryLimitBytes)).not.toThrow();
  });
});
