import { applySearchPoint, checkSearchSpace, parseConfig, sampleSearchSpace } from '@evoprop/core/config';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from './default-catalog.js';

// Issue 20: every trainer declares what tuning searches, and every end of every range is a config
// the trainer accepts (checked by core's config parser, strategy settings by the strategy's schema).
const catalog = await createDefaultCatalog();

// Every trainer, the policy-gradient ones (ppo, reinforce) included.
describe.each([...catalog.trainers.values()])('$id', (entry) => {
  it('declares a search space inside what its config accepts', () => {
    expect(entry.searchSpace, `${entry.id} has no search space`).toBeDefined();
    const space = entry.searchSpace ?? {};
    expect(Object.keys(space).length).toBeGreaterThan(0);
    expect(() =>
      checkSearchSpace(space, entry.configSchema as NonNullable<typeof entry.configSchema>, `trainer '${entry.id}'`, {
        // Strategy settings are checked by their schema; NEAT overrides (merged over a preset) by building the trainer below.
        ...(entry.nestedSchemas?.strategyConfig !== undefined ? { nested: { strategyConfig: entry.nestedSchemas.strategyConfig } } : {}),
      }),
    ).not.toThrow();
  });

  it('builds a trainer at sampled points (settings only the trainer checks, such as NEAT overrides, included)', () => {
    const defaults = parseConfig(entry.configSchema as NonNullable<typeof entry.configSchema>, {}, entry.id) as Record<string, unknown>;
    for (let i = 0; i < 8; i++) {
      const config = applySearchPoint({}, sampleSearchSpace(entry.searchSpace ?? {}, Rng.fromSeed(i)), defaults);
      expect(typeof entry.create(config).fit).toBe('function');
    }
  });
});
