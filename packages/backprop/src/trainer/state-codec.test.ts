import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from './state-codec.js';

describe('checkpoint state codec', () => {
  it('round-trips Float32Arrays bit-exactly and non-finite numbers through JSON', () => {
    const v = Float32Array.from([1.5, -0, Number.NaN, 3.4e38, 1e-45]);
    const state = { a: [v, { b: v.subarray(1, 3) }], best: Number.POSITIVE_INFINITY, low: Number.NEGATIVE_INFINITY, n: 3, s: 'x', z: null };
    const back = decodeState(JSON.parse(JSON.stringify(encodeState(state)))) as typeof state;
    const bytes = (x: Float32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');
    expect(bytes(back.a[0] as Float32Array)).toBe(bytes(v));
    expect(bytes((back.a[1] as { b: Float32Array }).b)).toBe(bytes(v.subarray(1, 3)));
    expect(back.best).toBe(Number.POSITIVE_INFINITY);
    expect(back.low).toBe(Number.NEGATIVE_INFINITY);
    expect([back.n, back.s, back.z]).toEqual([3, 'x', null]);
  });
});
