import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deprecatedKeys } from '../config/deprecated-keys.js';
import { ConfigError } from '../errors.js';
import { applySearchPoint, checkSearchSpace, parseSearchSpace, sampleSearchSpace } from './search-space.js';

const Config = z.strictObject({
  optimizer: z
    .discriminatedUnion('name', [
      z.strictObject({ name: z.literal('adam'), learningRate: z.number().positive().default(1e-3) }),
      z.strictObject({ name: z.literal('sgd'), learningRate: z.number().positive().default(0.01) }),
    ])
    .default({ name: 'adam', learningRate: 1e-3 }),
  batchSize: z.number().int().positive().nullable().default(null),
  momentum: z.number().min(0).lt(1).default(0),
  hidden: z.array(z.number().int().positive()).default([16]),
});
const space = {
  'optimizer.learningRate': { scale: 'log', low: 1e-4, high: 0.3 },
  batchSize: { scale: 'choice', values: [16, 32, null] },
  momentum: { scale: 'linear', low: 0, high: 0.95 },
} as const;

describe('search spaces', () => {
  it('sample inside their ranges, log ranges spread over the decades, reproducibly', () => {
    const parsed = parseSearchSpace(space);
    const points = Array.from({ length: 400 }, (_, i) => sampleSearchSpace(parsed, Rng.fromSeed(i)));
    const lrs = points.map((p) => p['optimizer.learningRate'] as number);
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...lrs)).toBeLessThanOrEqual(0.3);
    // log-uniform: about a quarter of the draws below 1e-3 (1 of 3.5 decades); uniform would give 0.3 %.
    expect(lrs.filter((v) => v < 1e-3).length / lrs.length).toBeGreaterThan(0.2);
    expect(new Set(points.map((p) => p.batchSize))).toEqual(new Set([16, 32, null]));
    expect(sampleSearchSpace(parsed, Rng.fromSeed(7))).toEqual(sampleSearchSpace(parsed, Rng.fromSeed(7)));
  });

  it('integer ranges give integers within the bounds', () => {
    const parsed = parseSearchSpace({ populationSize: { scale: 'log', low: 4, high: 100, integer: true } });
    for (let i = 0; i < 100; i++) {
      const v = sampleSearchSpace(parsed, Rng.fromSeed(i)).populationSize as number;
      expect(Number.isInteger(v) && v >= 4 && v <= 100).toBe(true);
    }
  });

  it('a point lands in a complete section of the config, leaving the rest unset', () => {
    const defaults = Config.parse({});
    const config = applySearchPoint({ momentum: 0.5 }, { 'optimizer.learningRate': 0.01, batchSize: 32 }, defaults);
    expect(config).toEqual({ momentum: 0.5, optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 32 });
    expect(Config.parse(config).hidden).toEqual([16]);
    // The experiment's own optimizer section is kept, only the rate changes.
    expect(applySearchPoint({ optimizer: { name: 'sgd' } }, { 'optimizer.learningRate': 0.2 }, defaults)).toEqual({
      optimizer: { name: 'sgd', learningRate: 0.2 },
    });
  });

  it('checks ranges against the trainer config with the config parser', () => {
    expect(Object.keys(checkSearchSpace(space, Config, "trainer 'x'"))).toHaveLength(3);
    const tooFar = { momentum: { scale: 'linear', low: 0, high: 1.5 } } as const;
    expect(() => checkSearchSpace(tooFar, Config, "trainer 'x'")).toThrow(ConfigError);
    expect(() => checkSearchSpace(tooFar, Config, "trainer 'x'")).toThrow(
      /trainer 'x' search space: expected ranges inside what the trainer accepts, got \{"momentum":1.5\}.*momentum/,
    );
    expect(() => checkSearchSpace({ momentum: { scale: 'log', low: 0, high: 1 } } as const, Config, 'y')).toThrow(
      /y search space\.momentum.*low: expected .*>0/,
    );
    expect(() => checkSearchSpace({ momentum: { scale: 'linear', low: 0.9, high: 0.1 } } as const, Config, 'y')).toThrow(/low < high/);
    expect(() => checkSearchSpace({ momentun: { scale: 'linear', low: 0, high: 0.5 } } as const, Config, 'y')).toThrow(
      /unknown key 'momentun'/,
    );
  });

  it('checks free-form sections with their own schema', () => {
    const Outer = z.strictObject({ strategyConfig: z.record(z.string(), z.unknown()).default({}) });
    const Strategy = z.strictObject({ sigma: z.number().positive() });
    const bad = { 'strategyConfig.sigma': { scale: 'linear', low: -1, high: 1 } } as const;
    expect(() => checkSearchSpace(bad, Outer, 'z')).not.toThrow();
    expect(() => checkSearchSpace(bad, Outer, 'z', { nested: { strategyConfig: Strategy } })).toThrow(/strategyConfig.sigma/);
  });

  it('rejects a deprecated key, which would parse with a warning on every trial (openai-es once searched optimizer.lr)', () => {
    const Optimizer = deprecatedKeys(z.strictObject({ learningRate: z.number().positive().default(0.01) }), { lr: 'learningRate' });
    const Strategy = z.strictObject({ optimizer: Optimizer.default({ learningRate: 0.01 }) });
    const Outer = z.strictObject({ strategyConfig: z.record(z.string(), z.unknown()).default({}) });
    const old = { 'strategyConfig.optimizer.lr': { scale: 'log', low: 0.003, high: 0.3 } } as const;
    expect(() => checkSearchSpace(old, Outer, "trainer 'es'", { nested: { strategyConfig: Strategy } })).toThrow(
      "trainer 'es' search space: expected the current key 'strategyConfig.optimizer.learningRate', got the deprecated 'strategyConfig.optimizer.lr'",
    );
    const current = { 'strategyConfig.optimizer.learningRate': { scale: 'log', low: 0.003, high: 0.3 } } as const;
    expect(() => checkSearchSpace(current, Outer, "trainer 'es'", { nested: { strategyConfig: Strategy } })).not.toThrow();
  });
});
