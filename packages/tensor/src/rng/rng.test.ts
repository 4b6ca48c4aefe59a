import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('same seed gives identical bytes', () => {
    const a = Rng.fromSeed(7).fillNormal(new Float32Array(1000));
    const b = Rng.fromSeed(7).fillNormal(new Float32Array(1000));
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    const c = Rng.fromSeed(8).fillNormal(new Float32Array(1000));
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('fork is independent of parent consumption and label-specific', () => {
    const a = Rng.fromSeed(1);
    const b = Rng.fromSeed(1);
    b.uniform();
    b.uniform();
    expect(a.fork('init').uniform()).toBe(b.fork('init').uniform());
    expect(a.fork('init').uniform()).not.toBe(a.fork('data').uniform());
  });

  it('state round-trips through JSON and continues the stream', () => {
    const a = Rng.fromSeed('s');
    a.normal();
    const saved = JSON.parse(JSON.stringify(a.state()));
    const expected = [a.uniform(), a.normal(), a.int(0, 100)];
    const b = Rng.fromState(saved);
    expect([b.uniform(), b.normal(), b.int(0, 100)]).toEqual(expected);
  });

  it('normal has the right moments', () => {
    const x = Rng.fromSeed(3).fillNormal(new Float64Array(20000), 2, 3);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(3, 1);
  });

  it('int covers the range and rejects empty ranges', () => {
    const r = Rng.fromSeed(1);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(r.int(0, 5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(() => r.int(3, 3)).toThrow(/low < high.*low=3, high=3/);
  });

  it('shuffle and permutation are permutations', () => {
    const r = Rng.fromSeed(2);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(r.permutation(6)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rejects malformed state', () => {
    expect(() => Rng.fromState({} as never)).toThrow(/expected \{ seed/);
  });
});
