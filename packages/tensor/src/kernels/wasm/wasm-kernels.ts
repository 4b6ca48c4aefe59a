import { recordFlops } from '../../cost/flop-meter.js';
import type { Kernels } from '../kernels.js';
import { WASM_BINARY, wasmElementwise, wasmGemm } from './wasm-gemm.js';

/**
 * The WebAssembly SIMD kernel set: `base` (the plain set) with the products — gemm, and
 * through it conv2d's im2col products — replaced by the SIMD gemm on `threads` threads,
 * built with relaxed SIMD's fused multiply-add when `fma` is set; and the hot elementwise
 * ops of training (ReLU and its gradient; add, sub, mul on equal shapes, a scalar or a
 * bias row) and conv2d's im2col / col2im by SIMD loops on the calling thread, bit-identical to the
 * plain ones (NaN payloads aside).
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
    if (code === undefined || n < SMALL_ELEMENTWISE || a.length !== n || !rowBroadcast(bShape, outShape)) {
      return base.binary(kind, a, aShape, b, bShape, out, outShape);
    }
    recordFlops(n);
    ew.binary(code, a, b, out);
  };
  const im2col: Kernels['im2col'] = (x, offset, geom, col) =>
    col.length < SMALL_ELEMENTWISE ? base.im2col(x, offset, geom, col) : ew.im2col(x, offset, geom, col);
  const col2im: Kernels['col2im'] = (col, geom, dx, offset) => {
    if (col.length < SMALL_ELEMENTWISE) return base.col2im(col, geom, dx, offset);
    recordFlops(col.length);
    ew.col2im(col, geom, dx, offset);
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
  };
}

const SMALL_PRODUCT = 16 * 16 * 16;
// Below this many elements the JS loop beats the copy in and out (~1 µs fixed cost).
const SMALL_ELEMENTWISE = 2048;

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
