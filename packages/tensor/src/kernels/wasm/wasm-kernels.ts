import { recordFlops } from '../../cost/flop-meter.js';
import type { Kernels } from '../kernels.js';
import { WASM_BINARY, wasmElementwise, wasmGemm } from './wasm-gemm.js';

/**
 * The WebAssembly SIMD kernel set: `base` (the plain set) with the products — gemm, and
 * through it conv2d's im2col products — replaced by the SIMD gemm on `threads` threads,
 * built with relaxed SIMD's fused multiply-add when `fma` is set; and the hot elementwise
 * ops of training (ReLU and its gradient; add, sub, mul on equal shapes, a scalar, a bias row
 * or a channel bias; gradient accumulation), max pooling and conv2d's im2col / col2im by SIMD
 * loops on the calling thread, bit-identical to the plain ones (NaN payloads aside); and the
 * optimizer's fused Adam step by a float64 SIMD loop, also bit-identical to the plain one.
 */
export function createWasmKernels(base: Kernels, threads: number, fma = false): Kernels {
  const simd = wasmGemm(threads, fma);
  const ew = wasmElementwise(threads, fma);
  const gemm: Kernels['gemm'] = (transA, transB, m, n, k, a, b, c, accumulate) =>
    // Tiny products (the networks evolution evaluates by the thousand) cost less in plain
    // JS than the copy into and out of WebAssembly memory.
    m * n * k < SMALL_PRODUCT
      ? base.gemm(transA, transB, m, n, k, a, b, c, accumulate)
      : simd(transA, transB, m, n, k, a, b, c, accumulate);
  const unary: Kernels['unary'] = (kind, x, out, alpha) => {
    if (kind !== 'relu' || x.length < SMALL_ELEMENTWISE) return base.unary(kind, x, out, alpha);
    recordFlops(x.length);
    ew.relu(x, out);
  };
  const unaryBackward: Kernels['unaryBackward'] = (kind, x, y, g, out, alpha) => {
    if (kind !== 'relu' || x.length < SMALL_ELEMENTWISE) return base.unaryBackward(kind, x, y, g, out, alpha);
    recordFlops(2 * x.length);
    ew.reluBackward(x, g, out);
  };
  const binary: Kernels['binary'] = (kind, a, aShape, b, bShape, out, outShape) => {
    const code = (WASM_BINARY as Record<string, number | undefined>)[kind];
    const n = out.length;
    if (code === undefined || n < SMALL_ELEMENTWISE || a.length !== n) return base.binary(kind, a, aShape, b, bShape, out, outShape);
    if (rowBroadcast(bShape, outShape)) {
      recordFlops(n);
      return ew.binary(code, a, b, out);
    }
    const inner = blockBroadcast(bShape, outShape);
    if (inner === 0) return base.binary(kind, a, aShape, b, bShape, out, outShape);
    recordFlops(n);
    ew.binaryBlocks(code, a, b, out, inner);
  };
  const maxPool2d: Kernels['maxPool2d'] = (x, images, geom, out, argmax) => {
    if (out.length < SMALL_ELEMENTWISE) return base.maxPool2d(x, images, geom, out, argmax);
    recordFlops(images * geom.channels * geom.outH * geom.outW * geom.kernelH * geom.kernelW);
    ew.maxPool2d(x, images, geom, out, argmax);
  };
  const im2col: Kernels['im2col'] = (x, offset, geom, col) =>
    col.length < SMALL_ELEMENTWISE ? base.im2col(x, offset, geom, col) : ew.im2col(x, offset, geom, col);
  const col2im: Kernels['col2im'] = (col, geom, dx, offset) => {
    if (col.length < SMALL_ELEMENTWISE) return base.col2im(col, geom, dx, offset);
    recordFlops(col.length);
    ew.col2im(col, geom, dx, offset);
  };
  const accumulate: Kernels['accumulate'] = (into, from) =>
    into.length < SMALL_ELEMENTWISE ? base.accumulate(into, from) : ew.binary(WASM_BINARY.add, into, from, into);
  const adam: Kernels['adam'] = (g, m, v, p, out, s) => {
    if (g.length < SMALL_ELEMENTWISE) return base.adam(g, m, v, p, out, s);
    recordFlops((12 + (s.weightDecay !== 0 ? 2 : 0) + (s.scale !== 1 ? 1 : 0)) * g.length);
    ew.adam(g, m, v, p, out, s);
  };
  return {
    ...base,
    name: `wasm-simd${fma ? '+fma' : ''}${threads > 1 ? ` x${threads}` : ''}`,
    gemm,
    unary,
    unaryBackward,
    binary,
    im2col,
    col2im,
    accumulate,
    adam,
    maxPool2d,
  };
}

const SMALL_PRODUCT = 16 * 16 * 16;
// Below this many elements the JS loop beats the copy in and out (~1 µs fixed cost).
const SMALL_ELEMENTWISE = 2048;

/**
 * For b broadcast to `out` as contiguous blocks — b's dims equal out's over one run of axes, 1
 * before and after it (a channel bias [C, 1, 1] over [N, C, H, W]) — the elements each b value
 * covers in a row (the product of out's trailing dims where b has 1); else 0.
 */
function blockBroadcast(b: readonly number[], out: readonly number[]): number {
  const offset = out.length - b.length;
  if (offset < 0) return 0;
  const dim = (i: number) => (i < offset ? 1 : (b[i - offset] as number));
  let i = out.length - 1;
  let inner = 1;
  for (; i >= 0 && dim(i) === 1; i--) inner *= out[i] as number;
  for (; i >= 0 && dim(i) === out[i]; i--);
  for (; i >= 0; i--) if (dim(i) !== 1) return 0;
  return inner;
}

/** Whether b, broadcast to `out`, is b itself, a scalar, or b repeated over leading rows. */
function rowBroadcast(b: readonly number[], out: readonly number[]): boolean {
  let i = b.length - 1;
  let j = out.length - 1;
  while (i >= 0 && j >= 0 && b[i] === out[j]) {
    i--;
    j--;
  }
  for (; i >= 0; i--) if (b[i] !== 1) return false;
  return true;
}

export { wasmRelaxedSimdSupported, wasmSimdSupported } from './wasm-gemm.js';
