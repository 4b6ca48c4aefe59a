import { describe, expect, it } from 'vitest';
import { CodecError, decode, encode } from './codec.js';

describe('queue codec', () => {
  it('round-trips typed arrays, non-finite numbers and -0 inside plain data', () => {
    const value = {
      weights: new Float32Array([1.5, -2, Number.NaN]),
      bytes: new Uint8Array([0, 255, 7]),
      offset: new Float64Array(new Float64Array([9, 8, 7, 6]).buffer, 8, 2),
      numbers: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 3],
      nested: { text: 'a', none: null, list: [{ ok: true }] },
    };
    const back = decode(encode(value)) as typeof value;
    expect(back.weights).toBeInstanceOf(Float32Array);
    expect(Array.from(back.weights)).toEqual([1.5, -2, Number.NaN]);
    expect(back.bytes).toEqual(new Uint8Array([0, 255, 7]));
    expect(Array.from(back.offset)).toEqual([8, 7]);
    expect(Object.is(back.numbers[3], -0)).toBe(true);
    expect(back.numbers.slice(0, 3)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(back.nested).toEqual(value.nested);
  });

  it('refuses what it cannot carry, naming it', () => {
    expect(() => encode({ f: () => 1 })).toThrow(CodecError);
    expect(() => encode({ m: new Map() })).toThrow(/expected plain objects at 'm', got Map/);
    expect(() => encode({ n: 1n })).toThrow(/got a bigint at 'n'/);
    expect(() => decode('{"$evoprop":"Weird"}')).toThrow(/got tag 'Weird'/);
  });
});
