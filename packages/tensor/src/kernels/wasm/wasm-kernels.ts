import type { Kernels } from '../kernels.js';
import { wasmGemm } from './wasm-gemm.js';

/**
 * The WebAssembly SIMD kernel set: `base` (the plain set) with the products — gemm, and
 * through it conv2d's im2col products — replaced by the SIMD gemm on `threads` threads,
 * built with relaxed SIMD's fused multiply-add when `fma` is set.
 */
export function createWasmKernels(base: Kernels, threads: number, fma = false): Kernels {
  const simd = wasmGemm(threads, fma);
  const gemm: Kernels['gemm'] = (transA, transB, m, n, k, a, b, c, accumulate) =>
    // Tiny products (the networks evolution evaluates by the thousand) cost less in plain
    // JS than the copy into and out of WebAssembly memory.
    m * n * k < SMALL_PRODUCT ? base.gemm(transA, transB, m, n, k, a, b, c, accumulate) : simd(transA, transB, m, n, k, a, b, c, accumulate);
  return { ...base, name: `wasm-simd${fma ? '+fma' : ''}${threads > 1 ? ` x${threads}` : ''}`, gemm };
}

const SMALL_PRODUCT = 16 * 16 * 16;

export { wasmRelaxedSimdSupported, wasmSimdSupported } from './wasm-gemm.js';
