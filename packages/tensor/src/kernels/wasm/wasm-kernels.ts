import type { Kernels } from '../kernels.js';
import { wasmGemm } from './wasm-gemm.js';

/**
 * The WebAssembly SIMD kernel set: `base` (the plain set) with the products — gemm, and
 * through it conv2d's im2col products — replaced by the SIMD gemm on `threads` threads.
 */
export function createWasmKernels(base: Kernels, threads: number): Kernels {
  return { ...base, name: threads > 1 ? `wasm-simd x${threads}` : 'wasm-simd', gemm: wasmGemm(threads) };
}

export { wasmSimdSupported } from './wasm-gemm.js';
