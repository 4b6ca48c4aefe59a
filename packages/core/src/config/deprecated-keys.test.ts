import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { deprecatedKeys, renameDeprecatedKeys } from './deprecated-keys.js';
import { parseConfig } from './parse-config.js';

const optimizer = deprecatedKeys(z.strictObject({ name: z.string(), learningRate: z.number().positive() }), { lr: 'learningRate' });
const trainer = deprecatedKeys(
  z.object({
    validateEvery: z.number().int().default(1),
    optimizer: optimizer.default({ name: 'adam', learningRate: 0.01 }),
    stages: z.array(z.union([optimizer, z.strictObject({ none: z.literal(true) })])).default([]),
  }),
  { evaluateEvery: 'validateEvery' },
);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('deprecated keys', () => {
  it('renames old keys at any depth (through defaults, arrays and unions) without touching the input', () => {
    const input = { evaluateEvery: 3, optimizer: { name: 'sgd', lr: 0.5 }, stages: [{ none: true }, { name: 'adam', lr: 0.1 }] };
    const copy = structuredClone(input);
    const { value, uses } = renameDeprecatedKeys(trainer, input);
    expect(value).toEqual({
      validateEvery: 3,
      optimizer: { name: 'sgd', learningRate: 0.5 },
      stages: [{ none: true }, { name: 'adam', learningRate: 0.1 }],
    });
    expect(uses.map((u) => u.path)).toEqual([['evaluateEvery'], ['optimizer', 'lr'], ['stages', 1, 'lr']]);
    expect(input).toEqual(copy);
  });

  it("leaves a value alone under a schema that is not this zod (a plugin's own copy, a duck-typed safeParse)", () => {
    const duck = { safeParse: (v: unknown) => ({ success: true, data: v }) } as unknown as z.ZodType;
    expect(renameDeprecatedKeys(duck, { lr: 1 })).toEqual({ value: { lr: 1 }, uses: [] });
    const nested = z.object({ plugin: z.custom<unknown>((v) => v !== null) });
    expect(renameDeprecatedKeys(nested, { plugin: { lr: 1 } }).uses).toEqual([]);
  });

  it('parses the old names to the same config as the new ones, and reports each use once', () => {
    const seen: string[] = [];
    const onDeprecatedKey = (where: string, u: { path: readonly PropertyKey[]; to: string }) =>
      seen.push(`${where} ${u.path.join('.')}→${u.to}`);
    const old = parseConfig(trainer, { evaluateEvery: 2, optimizer: { name: 'sgd', lr: 0.5 } }, 'es config', { onDeprecatedKey });
    const now = parseConfig(trainer, { validateEvery: 2, optimizer: { name: 'sgd', learningRate: 0.5 } }, 'es config', { onDeprecatedKey });
    expect(old).toEqual(now);
    expect(seen).toEqual(['es config evaluateEvery→validateEvery', 'es config optimizer.lr→learningRate']);
  });

  it('warns through process.emitWarning as a DeprecationWarning, once per use site and process', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    for (let i = 0; i < 3; i++) parseConfig(trainer, { optimizer: { name: 'sgd', lr: 0.5 } }, 'warn-once config');
    parseConfig(trainer, { optimizer: { name: 'sgd', learningRate: 0.5 } }, 'warn-once config');
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith(
      "warn-once config.optimizer: 'lr' is deprecated, write 'learningRate' (the old name still works for now)",
      {
        type: 'DeprecationWarning',
        code: 'EVOPROP_DEPRECATED_KEY',
      },
    );
  });

  it('refuses the old and the new name together (the old one is an unknown key)', () => {
    expect(() => parseConfig(optimizer, { name: 'sgd', lr: 1, learningRate: 2 }, 'opt', { onDeprecatedKey: () => undefined })).toThrow(
      ConfigError,
    );
    expect(() => parseConfig(optimizer, { name: 'sgd', lr: 1, learningRate: 2 }, 'opt', { onDeprecatedKey: () => undefined })).toThrow(
      /unknown key 'lr'/,
    );
  });

  it('declaring aliases warns about nothing: only a parse that meets an old key does', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    deprecatedKeys(z.object({ a: z.number() }), { b: 'a' });
    parseConfig(trainer, {}, 'quiet config');
    expect(emit).not.toHaveBeenCalled();
  });

  it('moves a value between nesting levels when an alias is a dotted path, in either direction', () => {
    const start = deprecatedKeys(
      z.strictObject({
        pretrained: z.string(),
        head: z
          .strictObject({ replace: z.boolean().default(true), hidden: z.array(z.number()).default([]) })
          .default({ replace: true, hidden: [] }),
        fitnessBatchSize: z.number().optional(),
        fitness: z.strictObject({ episodes: z.number().default(3) }).default({ episodes: 3 }),
      }),
      { replaceHead: 'head.replace', 'fitness.batchSize': 'fitnessBatchSize' },
    );
    const seen: string[] = [];
    const onDeprecatedKey = (where: string, u: { path: readonly PropertyKey[]; from: string; to: string }) =>
      seen.push(`${where} ${u.path.join('/')} ${u.from}→${u.to}`);
    const input = { pretrained: 'p', replaceHead: false, fitness: { batchSize: 8, episodes: 2 } };
    const copy = structuredClone(input);
    const old = parseConfig(start, input, 'start', { onDeprecatedKey });
    expect(old).toEqual(
      parseConfig(start, { pretrained: 'p', head: { replace: false }, fitnessBatchSize: 8, fitness: { episodes: 2 } }, 'start'),
    );
    expect(seen).toEqual(['start replaceHead replaceHead→head.replace', 'start fitness/batchSize fitness.batchSize→fitnessBatchSize']);
    expect(input).toEqual(copy);
    // A nested object already there keeps its other keys; old and new together stay an error.
    expect(parseConfig(start, { pretrained: 'p', replaceHead: false, head: { hidden: [4] } }, 'start', { onDeprecatedKey }).head).toEqual({
      replace: false,
      hidden: [4],
    });
    expect(() =>
      parseConfig(start, { pretrained: 'p', replaceHead: false, head: { replace: true } }, 'start', { onDeprecatedKey }),
    ).toThrow(/unknown key 'replaceHead'/);
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    parseConfig(start, { pretrained: 'p', fitness: { batchSize: 4 } }, 'dotted config');
    expect(emit).toHaveBeenCalledWith(
      "dotted config: 'fitness.batchSize' is deprecated, write 'fitnessBatchSize' (the old name still works for now)",
      expect.objectContaining({ type: 'DeprecationWarning' }),
    );
  });
});
