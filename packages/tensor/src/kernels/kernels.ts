/**
 * The hot loops, as plain functions on raw Float32Arrays. Ops call whichever set is
 * active, so a faster set (WebAssembly SIMD, multi-threaded) replaces this one
 * without touching any op. Every kernel reports its FLOPs through `recordFlops`.
 */
export type Kernels = Readonly<{
  name: string;
  /**
   * C (m×n) = op(A) · op(B), where op(A) is m×k and op(B) is k×n, row-major.
   * transA: A is stored k×m; transB: B is stored n×k. With `accumulate`, C += instead of C =.
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    accumulate: boolean,
  ): void;
}>;
