import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlopMeter } from '../cost/flop-meter.js';
import { Rng } from '../rng/rng.js';
import { jsGemm } from './js-gemm.js';

/** float64 reference, straight from the definition. */
function reference(ta: boolean, tb: boolean, m: number, n: number, k: number, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}

function expectClose(actual: Float32Array, expected: Float64Array, k: number): void {
  const tol = 1e-5 * Math.sqrt(k) * 4;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (err > tol * (1 + Math.abs(expected[i]))) throw new Error(`element ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('jsGemm', () => {
  const rng = Rng.fromSeed('gemm');
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('matches the float64 reference across block edges (transA=%s, transB=%s)', (ta, tb) => {
    // 70×517×261 crosses MC (64), NC (512), KC (256) and the 4×4 micro-tile edges.
    const [m, n, k] = [70, 517, 261];
    const a = rng.fillNormal(new Float32Array(m * k));
    const b = rng.fillNormal(new Float32Array(k * n));
    const c = new Float32Array(m * n);
    jsGemm(ta, tb, m, n, k, a, b, c, false);
    expectClose(c, reference(ta, tb, m, n, k, a, b), k);
  });

  it('small and odd shapes, with and without accumulate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (m, n, k, ta, tb, acc) => {
          const a = rng.fillNormal(new Float32Array(m * k));
          const b = rng.fillNormal(new Float32Array(k * n));
          const c = rng.fillNormal(new Float32Array(m * n));
          const ref = reference(ta, tb, m, n, k, a, b);
          if (acc) for (let i = 0; i < ref.length; i++) ref[i] += c[i];
          jsGemm(ta, tb, m, n, k, a, b, c, acc);
          expectClose(c, ref, k);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('records 2·m·n·k FLOPs', () => {
    const meter = new FlopMeter();
    meter.measure(() => jsGemm(false, false, 3, 4, 5, new Float32Array(15), new Float32Array(20), new Float32Array(12), false));
    expect(meter.flops).toBe(120);
  });
});
