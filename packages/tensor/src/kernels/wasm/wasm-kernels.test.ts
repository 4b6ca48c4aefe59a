import { afterEach, describe, expect, it } from 'vitest';
import { FlopMeter } from '../../cost/flop-meter.js';
import { jsGemm } from '../js-gemm.js';
import { jsKernels, kernels, setKernels, useKernels } from '../registry.js';
import { wasmGemm, wasmGemmThreadStats, wasmSimdSupported } from './wasm-gemm.js';
import { createWasmKernels } from './wasm-kernels.js';

const filled = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

type Window = readonly [number, number, number, number, number, number, number, number, number, number, number];
/** A convolution/pooling geometry from the test tables' columns: C, H, W, kernel, stride, pad, dilation (each H then W). */
const geometry = ([channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW]: Window) => {
  const out = (size: number, k: number, s: number, p: number, d: number) => Math.floor((size + 2 * p - d * (k - 1) - 1) / s) + 1;
  return {
    channels,
    height,
    width,
    kernelH,
    kernelW,
    strideH,
    strideW,
    padH,
    padW,
    dilationH,
    dilationW,
    outH: out(height, kernelH, strideH, padH, dilationH),
    outW: out(width, kernelW, strideW, padW, dilationW),
  };
};

describe('WebAssembly SIMD gemm', () => {
  const previous = kernels();
  afterEach(() => {
    useKernels(previous);
  });

  it('is supported on this runtime (Node 20 has 128-bit SIMD)', () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  it.each([
    [1, 1, 1, false, false],
    [7, 9, 5, false, false],
    [13, 17, 300, true, false],
    [130, 67, 29, false, true],
    [64, 260, 513, true, true],
    [128, 256, 784, false, true],
    [37, 41, 1031, false, false],
    [36, 40, 1030, true, true],
  ] as const)('agrees with the plain kernel to float32 rounding: m=%i n=%i k=%i transA=%s transB=%s', (m, n, k, tA, tB) => {
    const a = filled(m * k, (i) => Math.sin(i));
    const b = filled(k * n, (i) => Math.cos(1.3 * i));
    const c0 = filled(m * n, (i) => i % 3);
    const c1 = c0.slice();
    jsGemm(tA, tB, m, n, k, a, b, c0, true);
    wasmGemm(1)(tA, tB, m, n, k, a, b, c1, true);
    for (let i = 0; i < m * n; i++) expect(Math.abs((c0[i] as number) - (c1[i] as number))).toBeLessThan(1e-5 * (k + 1));
  });

  it.each([
    [203, 150, 170, false, true, false],
    [203, 150, 170, true, false, true],
    [96, 333, 515, false, false, true],
  ] as const)(
    'gives bit-identical results on 1, 2 and 3 threads: m=%i n=%i k=%i transA=%s transB=%s accumulate=%s',
    (m, n, k, tA, tB, acc) => {
      const a = filled(m * k, (i) => Math.sin(i));
      const b = filled(k * n, (i) => Math.cos(i));
      const outs = [1, 2, 3].map((t) => {
        const c = filled(m * n, (i) => (i % 7) - 3);
        wasmGemm(t)(tA, tB, m, n, k, a, b, c, acc);
        return Buffer.from(c.buffer);
      });
      expect(outs[0]?.equals(outs[1] as Buffer)).toBe(true);
      expect(outs[0]?.equals(outs[2] as Buffer)).toBe(true);
    },
  );

  it('gives the same bytes whether a helper thread or the caller runs a block', async () => {
    const [m, n, k] = [160, 96, 200];
    const a = filled(m * k, (i) => Math.sin(0.7 * i));
    const b = filled(k * n, (i) => Math.cos(0.3 * i));
    const one = new Float32Array(m * n);
    wasmGemm(1)(false, false, m, n, k, a, b, one, false);
    const gemm2 = wasmGemm(4);
    const run = () => {
      const c = new Float32Array(m * n);
      gemm2(false, false, m, n, k, a, b, c, false);
      expect(Buffer.from(c.buffer).equals(Buffer.from(one.buffer))).toBe(true);
    };
    run(); // the workers are still starting: the caller takes their blocks back
    expect(wasmGemmThreadStats(4)?.stolen).toBeGreaterThan(0);
    for (let i = 0; i < 100 && (wasmGemmThreadStats(4)?.helped ?? 0) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      run();
    }
    expect(wasmGemmThreadStats(4)?.helped).toBeGreaterThan(0);
  });

  // Values that catch sign-of-zero, NaN and infinity slips, then ordinary ones.
  const special = [Number.NaN, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-40, -1e-40, 3.5, -2.25];
  const tricky = (n: number, phase: number) =>
    filled(n, (i) => (i < special.length ? (special[(i + phase) % special.length] as number) : Math.sin(i * 0.37 + phase) * 10));
  // Same bits everywhere, except that any NaN matches any NaN (the sign and payload of a NaN
  // are not specified by JavaScript or WebAssembly arithmetic).
  const same = (x: Float32Array, y: Float32Array) => {
    const [bx, by] = [new Uint32Array(x.buffer, x.byteOffset, x.length), new Uint32Array(y.buffer, y.byteOffset, y.length)];
    return x.length === y.length && bx.every((v, i) => v === by[i] || (Number.isNaN(x[i]) && Number.isNaN(y[i])));
  };
  const wasmSet = createWasmKernels(jsKernels, 1);

  it.each([2048, 4099, 10_001])('relu and its gradient are bit-identical to the plain kernels (NaN payloads aside): n=%i', (n) => {
    const x = tricky(n, 0);
    const g = tricky(n, 3);
    const [y0, y1, d0, d1] = [0, 1, 2, 3].map(() => new Float32Array(n)) as [Float32Array, Float32Array, Float32Array, Float32Array];
    jsKernels.unary('relu', x, y0, 0);
    wasmSet.unary('relu', x, y1, 0);
    expect(same(y0, y1)).toBe(true);
    jsKernels.unaryBackward('relu', x, y0, g, d0, 0);
    wasmSet.unaryBackward('relu', x, y1, g, d1, 0);
    expect(same(d0, d1)).toBe(true);
  });

  it.each([
    ['add', [4099], [4099]],
    ['sub', [400, 13], [13]],
    ['mul', [64, 65], [1, 65]],
    ['add', [3, 1000], []],
    ['mul', [2, 5, 300], [5, 300]],
    ['add', [16, 8, 24, 24], [8, 1, 1]], // a conv bias over [N, C, H, W]
    ['sub', [3, 7, 5, 11], [7, 5, 1]],
    ['mul', [5, 9, 100], [1, 9, 1]],
  ] as const)('%s of a %j and a b of shape %j is bit-identical to the plain kernel (NaN payloads aside)', (kind, outShape, bShape) => {
    const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
    const n = size(outShape);
    const a = tricky(n, 1);
    const b = tricky(size(bShape), 5);
    const o0 = new Float32Array(n);
    const o1 = new Float32Array(n);
    jsKernels.binary(kind, a, outShape, b, bShape, o0, outShape);
    wasmSet.binary(kind, a, outShape, b, bShape, o1, outShape);
    expect(same(o0, o1)).toBe(true);
  });

  it.each([
    [1, 28, 28, 5, 5, 1, 1, 0, 0, 1, 1],
    [3, 17, 19, 3, 3, 1, 1, 1, 1, 1, 1],
    [4, 20, 23, 3, 4, 2, 3, 2, 1, 1, 2],
    [2, 30, 30, 5, 3, 1, 2, 3, 0, 2, 1],
  ] as const)(
    'im2col and col2im are identical to the plain kernels: C=%i H=%i W=%i kernel %i×%i stride %i,%i pad %i,%i dilation %i,%i',
    (...window) => {
      const geom = geometry(window);
      const { channels, height, width, kernelH, kernelW } = geom;
      const offset = 7;
      const x = filled(offset + 2 * channels * height * width, (i) => Math.sin(i * 1.7) + 2);
      const rows = channels * kernelH * kernelW;
      const c0 = new Float32Array(rows * geom.outH * geom.outW).fill(-5);
      const c1 = new Float32Array(c0.length).fill(-7);
      expect(c0.length).toBeGreaterThanOrEqual(2048); // the WebAssembly path, not the small-size fallback
      jsKernels.im2col(x, offset, geom, c0);
      wasmSet.im2col(x, offset, geom, c1);
      expect(same(c0, c1)).toBe(true);
      // col2im adds into an image that already holds values; the rest of dx stays untouched.
      const d0 = filled(x.length, (i) => Math.cos(i));
      const d1 = d0.slice();
      const g = filled(c0.length, (i) => Math.sin(i * 0.3));
      jsKernels.col2im(g, geom, d0, offset);
      wasmSet.col2im(g, geom, d1, offset);
      expect(same(d0, d1)).toBe(true);
    },
  );

  it.each([
    [8, 24, 24, 2, 2, 2, 2, 0, 0, 1, 1],
    [16, 8, 8, 2, 2, 2, 2, 0, 0, 1, 1],
    [3, 31, 29, 3, 3, 2, 2, 1, 1, 1, 1],
    [4, 20, 23, 3, 2, 1, 3, 1, 0, 2, 1],
  ] as const)(
    'max pooling (values and argmax) is identical to the plain kernel, NaN and ±∞ included: C=%i H=%i W=%i kernel %i×%i stride %i,%i pad %i,%i dilation %i,%i',
    (...window) => {
      const geom = geometry(window);
      const { channels, height, width } = geom;
      const images = 10;
      const x = tricky(images * channels * height * width, 2);
      for (let i = 0; i < x.length; i += 97) x[i] = Number.NaN;
      const size = images * channels * geom.outH * geom.outW;
      expect(size).toBeGreaterThanOrEqual(2048); // the WebAssembly path
      const [o0, o1] = [new Float32Array(size), new Float32Array(size)];
      const [a0, a1] = [new Int32Array(size), new Int32Array(size).fill(7)];
      jsKernels.maxPool2d(x, images, geom, o0, a0);
      wasmSet.maxPool2d(x, images, geom, o1, a1);
      expect(same(o0, o1)).toBe(true);
      expect(Buffer.from(a0.buffer).equals(Buffer.from(a1.buffer))).toBe(true);
    },
  );

  it.each([2048, 4099, 10_001])('gradient accumulation is bit-identical to the plain kernel (NaN payloads aside): n=%i', (n) => {
    const from = tricky(n, 2);
    const [i0, i1] = [tricky(n, 4), tricky(n, 4)];
    jsKernels.accumulate(i0, from);
    wasmSet.accumulate(i1, from);
    expect(same(i0, i1)).toBe(true);
  });

  it.each([
    [2051, 1, 0, 1],
    [10_003, 7, 0, -1e-3],
    [4096, 3, 0.01, -0.1],
    [300, 2, 0.5, -2], // below the size threshold: the plain kernel itself
  ] as const)(
    'the fused Adam step is bit-identical to the plain one (NaN payloads aside): n=%i step %i decay %f scale %f',
    (n, t, wd, scale) => {
      const [b1, b2] = [0.9, 0.999];
      const run = (set: typeof jsKernels) => {
        const m = tricky(n, 1).map((x) => 0.01 * x);
        const v = filled(n, (i) => 1e-4 * Math.cos(i) ** 2);
        const p = tricky(n, 4);
        const out = tricky(n, 2).map((x, i) => x * 10 ** ((i % 9) - 6)); // the gradient, overwritten by the update
        set.adam(out, m, v, p, out, { b1, b2, eps: 1e-8, c1: 1 - b1 ** t, c2: 1 - b2 ** t, weightDecay: wd, scale });
        return [m, v, out] as const;
      };
      const [plain, simd] = [run(jsKernels), run(wasmSet)];
      for (let k = 0; k < 3; k++) expect(same(plain[k] as Float32Array, simd[k] as Float32Array)).toBe(true);
    },
  );

  it('the fused Adam step charges what the unfused chain charges', () => {
    const meter = new FlopMeter();
    const n = 4096;
    const [g, m, v, p] = [0, 1, 2, 3].map(() => new Float32Array(n).fill(0.5)) as [Float32Array, Float32Array, Float32Array, Float32Array];
    const s = { b1: 0.9, b2: 0.999, eps: 1e-8, c1: 0.1, c2: 0.001 };
    meter.measure(() => wasmSet.adam(g, m, v, p, g, { ...s, weightDecay: 0, scale: 1 }));
    expect(meter.flops).toBe(12 * n);
    meter.measure(() => wasmSet.adam(g, m, v, p, g, { ...s, weightDecay: 0.1, scale: -1e-3 }));
    expect(meter.flops).toBe(12 * n + 15 * n);
  });

  it('setKernels switches sets and rejects bad requests', () => {
    expect(setKernels('js')).toBe(jsKernels);
    expect(setKernels('wasm', { threads: 1, fma: false }).name).toBe('wasm-simd');
    expect(() => setKernels('gpu' as 'js')).toThrow(/expected 'js' or 'wasm', got 'gpu'/);
    expect(() => setKernels('wasm', { threads: 0 })).toThrow(/positive integer, got 0/);
  });
});
