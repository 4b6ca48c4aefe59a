import { describe, expect, it } from 'vitest';
import { ConfigParamError, defaultConfig, formatConfig, parseConfig } from './config.js';
import { rank } from './rank.js';
import type { StrategyOutcome } from './run-strategy.js';
import { runStrategy } from './run-strategy.js';

describe('race config in the query string', () => {
  it('round-trips every field, and an empty query is the default race', () => {
    const config = {
      ...defaultConfig,
      dataset: 'spirals',
      noise: 0.2,
      hidden: [8, 8],
      strategies: ['ga', 'neat'],
      seed: 42,
      kernels: 'webgpu',
    } as const;
    expect(parseConfig(formatConfig(config))).toEqual(config);
    expect(parseConfig('')).toEqual(defaultConfig);
  });

  it.each([
    ['dataset=rings', "dataset: expected one of circles, xor-quadrants, blobs, spirals, moons, got 'rings'"],
    ['seed=1.5', "seed: expected an integer in [0, 2147483647], got '1.5'"],
    ['hidden=8,64', "hidden: expected widths 1 to 32, got '64'"],
    ['strategies=adam,adam', "strategies: expected 1 to 6 distinct ids, got 'adam,adam'"],
    ['strategies=adam,backprop', "strategies: expected ids from adam, sgd, cma-es, openai-es, ga, neat, memetic, got 'backprop'"],
    ['noise=2', "noise: expected a number in [0, 0.5], got '2'"],
    ['kernels=webgl', "kernels: expected one of wasm, js, webgpu, got 'webgl'"],
  ])('rejects %s naming the key, the expected and the actual value', (query, message) => {
    expect(() => parseConfig(query)).toThrow(new ConfigParamError(message));
  });
});

describe('a strategy in a race', () => {
  it('gives the same looks and outcome for the same seed, and reaches the target', async () => {
    const config = { ...defaultConfig, strategies: ['adam'] as const };
    const looks: number[][] = [[], []];
    const [a, b] = [
      await runStrategy(config, 'adam', (s) => looks[0]?.push(s.flops, s.testAccuracy)),
      await runStrategy(config, 'adam', (s) => looks[1]?.push(s.flops, s.testAccuracy)),
    ];
    expect(a.status).toBe('reached-target');
    expect(a.final?.testAccuracy).toBeGreaterThanOrEqual(config.target);
    expect([b.flopsToTarget, b.final?.testAccuracy, b.looks]).toEqual([a.flopsToTarget, a.final?.testAccuracy, a.looks]);
    expect(looks[1]).toEqual(looks[0]);
  });

  it('ranks those that reached the target by FLOPs, then the rest by accuracy, failures last', () => {
    const o = (
      strategy: StrategyOutcome['strategy'],
      status: StrategyOutcome['status'],
      flopsToTarget: number | null,
      testAccuracy: number,
    ) =>
      ({
        strategy,
        status,
        reason: '',
        flopsToTarget,
        wallMsToTarget: null,
        final: { testAccuracy } as never,
        looks: 1,
      }) as StrategyOutcome;
    const order = rank([
      o('ga', 'failed', null, 0.99),
      o('neat', 'budget-exhausted', null, 0.8),
      o('adam', 'reached-target', 5e5, 0.9),
      o('cma-es', 'budget-exhausted', null, 0.85),
      o('memetic', 'reached-target', 1e5, 0.92),
    ]);
    expect(order.map((x) => x.strategy)).toEqual(['memetic', 'adam', 'cma-es', 'neat', 'ga']);
  });
});
