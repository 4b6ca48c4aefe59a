import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from './state-codec.js';

const roundTrip = (v: unknown): unknown => decodeState(JSON.parse(JSON.stringify(encodeState(v))));

describe('encodeState / decodeState', () => {
  it('round-trips every typed array kind bit for bit, and non-finite numbers', () => {
    const state = {
      f32: Float32Array.of(0.1, -0, 3e38),
      f64: Float64Array.of(Math.PI, -0, 1e-300),
      i32: Int32Array.of(-1, 2 ** 31 - 1),
      u8: Uint8Array.of(0, 255),
      nested: [{ m: Float64Array.of(1 / 3) }, Number.NaN, Number.POSITIVE_INFINITY],
      view: new Float64Array(new Float64Array([9, 8, 7]).buffer, 8, 2),
    };
    const back = roundTrip(state) as typeof state;
    expect(back.f32).toBeInstanceOf(Float32Array);
    expect(back.f64).toBeInstanceOf(Float64Array);
    expect(back.i32).toBeInstanceOf(Int32Array);
    expect(back.u8).toBeInstanceOf(Uint8Array);
    expect(back).toEqual(state);
    expect(Object.is(back.f64[1], -0)).toBe(true);
  });

  it("reads the { $typed, values } format evolution's own codec wrote before", () => {
    const legacy = { mean: { $typed: 'Float64Array', values: [0.5, -2] }, sigma: { $number: 'Infinity' } };
    expect(decodeState(legacy)).toEqual({ mean: Float64Array.of(0.5, -2), sigma: Number.POSITIVE_INFINITY });
  });

  it('names an unsupported typed array', () => {
    expect(() => encodeState(new Uint16Array(2))).toThrow(/expected one of Float32Array.*got Uint16Array/);
  });
});
