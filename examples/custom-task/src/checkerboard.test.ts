import { ConfigError, type SupervisedTask } from '@evoprop/core';
import { createRegistry, createTaskFrom } from '@evoprop/core/registry';
import type { Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { cellParity, noisyCheckerboardTask } from './checkerboard.js';

const registry = createRegistry([noisyCheckerboardTask], { what: 'task' });
const make = (seed: number, options: unknown = {}) => createTaskFrom(registry, 'noisy-checkerboard', seed, options) as SupervisedTask;
const bytes = (t: Tensor) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex');

describe('noisy-checkerboard', () => {
  it('is deterministic: the same seed gives identical bytes in every split, another seed different ones', () => {
    const a = make(7);
    const b = make(7);
    for (const s of ['train', 'validation', 'test'] as const) {
      expect(bytes(a[s].x)).toBe(bytes(b[s].x));
      expect(bytes(a[s].y)).toBe(bytes(b[s].y));
    }
    expect(bytes(make(8).train.x)).not.toBe(bytes(a.train.x));
  });

  it('draws each split from its own stream: a bigger train split leaves the test split unchanged', () => {
    expect(bytes(make(3, { trainSize: 50 }).test.x)).toBe(bytes(make(3, { trainSize: 900 }).test.x));
  });

  it('labels by cell parity: without noise every label matches the board', () => {
    const t = make(1, { noise: 0, cells: 5 });
    const n = t.train.y.shape[0] as number;
    for (let i = 0; i < n; i++)
      expect(t.train.y.data[i]).toBe(cellParity(t.train.x.data[2 * i] as number, t.train.x.data[2 * i + 1] as number, 5));
  });

  it('flips about labelNoise of the labels', () => {
    const t = make(2, { noise: 0, labelNoise: 0.2, trainSize: 4000 });
    let flipped = 0;
    for (let i = 0; i < 4000; i++)
      flipped += Number(t.train.y.data[i] !== cellParity(t.train.x.data[2 * i] as number, t.train.x.data[2 * i + 1] as number, 4));
    expect(flipped / 4000).toBeGreaterThan(0.17);
    expect(flipped / 4000).toBeLessThan(0.23);
  });

  it('has balanced classes and the declared shapes', () => {
    const t = make(4, { trainSize: 2000 });
    expect(t.train.x.shape).toEqual([2000, 2]);
    expect(t.test.y.shape).toEqual([400]);
    const ones = t.train.y.data.reduce((s, v) => s + v, 0);
    expect(ones / 2000).toBeGreaterThan(0.45);
    expect(ones / 2000).toBeLessThan(0.55);
  });

  it('rejects unknown or invalid options, naming the key', () => {
    expect(() => make(0, { cels: 3 })).toThrow(ConfigError);
    expect(() => make(0, { cels: 3 })).toThrow(/cels/);
    expect(() => make(0, { cells: 1 })).toThrow(/cells/);
    expect(() => make(0.5)).toThrow(/seed/);
  });
});
