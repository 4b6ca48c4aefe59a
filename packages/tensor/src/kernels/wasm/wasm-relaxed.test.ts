import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsGemm } from '../js-gemm.js';
import { kernels, setKernels, useKernels } from '../registry.js';
import { wasmGemm, wasmRelaxedSimdSupported } from './wasm-gemm.js';

const filled = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

// Node 20 has relaxed SIMD behind a flag; switch it on for this file only, so the fused
// multiply-add build is tested here whatever runtime runs the suite.
describe('WebAssembly relaxed-SIMD (fused multiply-add) gemm', () => {
  const previous = kernels();
  const native = wasmRelaxedSimdSupported();
  beforeAll(() => {
    if (!native) {
      expect(() => setKernels('wasm', { threads: 1, fma: true })).toThrow(/relaxed SIMD.*got true/);
      setFlagsFromString('--experimental-wasm-relaxed-simd');
    }
  });
  afterAll(() => {
    useKernels(previous);
    if (!native) setFlagsFromString('--no-experimental-wasm-relaxed-simd');
  });

  it('is chosen by default once the runtime supports it, and can be switched off', () => {
    expect(wasmRelaxedSimdSupported()).toBe(true);
    expect(setKernels('wasm', { threads: 1 }).name).toBe('wasm-simd+fma');
    expect(setKernels('wasm', { threads: 1, fma: false }).name).toBe('wasm-simd');
  });

  it.each([
    [7, 9, 5, false, false],
    [130, 67, 29, false, true],
    [64, 260, 1030, true, true],
  ] as const)('agrees with the plain kernel to float32 rounding: m=%i n=%i k=%i transA=%s transB=%s', (m, n, k, tA, tB) => {
    const a = filled(m * k, (i) => Math.sin(i));
    const b = filled(k * n, (i) => Math.cos(1.3 * i));
    const c0 = filled(m * n, (i) => i % 3);
    const c1 = c0.slice();
    jsGemm(tA, tB, m, n, k, a, b, c0, true);
    wasmGemm(1, true)(tA, tB, m, n, k, a, b, c1, true);
    for (let i = 0; i < m * n; i++) expect(Math.abs((c0[i] as number) - (c1[i] as number))).toBeLessThan(1e-5 * (k + 1));
  });

  it('gives bit-identical results on 1, 2 and 3 threads', () => {
    const [m, n, k] = [203, 150, 170];
    const a = filled(m * k, (i) => Math.sin(i));
    const b = filled(k * n, (i) => Math.cos(i));
    const outs = [1, 2, 3].map((t) => {
      const c = filled(m * n, (i) => (i % 5) - 2);
      wasmGemm(t, true)(true, false, m, n, k, a, b, c, true);
      return Buffer.from(c.buffer);
    });
    expect(outs[0]?.equals(outs[1] as Buffer)).toBe(true);
    expect(outs[0]?.equals(outs[2] as Buffer)).toBe(true);
  });
});
