// WebAssembly SIMD (128-bit) kernels for @evoprop/tensor, in AssemblyScript.
// Rebuild: `pnpm --filter @evoprop/tensor build:wasm` (writes src/kernels/wasm/modules.generated.ts).
//
// gemm follows the Goto/BLIS layout: B is packed into k×8 column panels and A into
// k×4 row panels, so the 4×8 micro-kernel streams both operands contiguously and keeps
// its eight f32x4 accumulators in registers. Transposed operands are handled while
// packing, which is why the transposed products run as fast as the plain one.
//
// The module also exports the elementwise kernels of ./elementwise.ts, im2col / col2im from
// ./window.ts and the fused Adam update of ./optim.ts.

export { binary, binaryBlocks, relu, reluBackward } from './elementwise';
export { col2im, im2col, maxPool2d } from './window';
export { adam } from './optim';

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 512;
const MC: i32 = 32;
const NC: i32 = 512;

// @ts-ignore: decorator
@inline
function transpose4(x0: v128, x1: v128, x2: v128, x3: v128, dst: usize, stride: usize): void {
  // 4×4 transpose with unpack shuffles: row q of the result is lane q of x0..x3.
  const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

// Pack op(B)[pc:pc+kc, jc:jc+nc] into panels of NR columns, zero-padded.
function packB(transB: bool, b: usize, n: i32, k: i32, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    const panel = dst + (<usize>(j0 * kc) << 2);
    let p = 0;
    if (cols == NR) {
      if (!transB) {
        let src = b + (<usize>(pc * n + jc + j0) << 2);
        const step = <usize>n << 2;
        for (; p < kc; p++) {
          const row = panel + (<usize>p << 5);
          v128.store(row, v128.load(src));
          v128.store(row, v128.load(src, 16), 16);
          src += step;
        }
      } else {
        // B is stored n×k: the panel's eight columns are eight contiguous rows of B.
        const col = b + (<usize>((jc + j0) * k + pc) << 2);
        const ld = <usize>k << 2;
        for (; p + 4 <= kc; p += 4) {
          const src = col + (<usize>p << 2);
          const row = panel + (<usize>p << 5);
          transpose4(v128.load(src), v128.load(src + ld), v128.load(src + 2 * ld), v128.load(src + 3 * ld), row, 32);
          transpose4(v128.load(src + 4 * ld), v128.load(src + 5 * ld), v128.load(src + 6 * ld), v128.load(src + 7 * ld), row + 16, 32);
        }
      }
    }
    for (; p < kc; p++) {
      const row = panel + (<usize>p << 5);
      for (let j = 0; j < NR; j++) {
        let v: f32 = 0;
        if (j < cols) {
          const col = jc + j0 + j;
          v = transB ? load<f32>(b + (<usize>(col * k + pc + p) << 2)) : load<f32>(b + (<usize>((pc + p) * n + col) << 2));
        }
        store<f32>(row + (<usize>j << 2), v);
      }
    }
  }
}

// Pack op(A)[ic:ic+mc, pc:pc+kc] into panels of MR rows, zero-padded.
function packA(transA: bool, a: usize, m: i32, k: i32, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    const panel = dst + (<usize>(i0 * kc) << 2);
    let p = 0;
    if (rows == MR) {
      if (transA) {
        // A is stored k×m: each step's four rows are contiguous.
        let src = a + (<usize>(pc * m + ic + i0) << 2);
        const step = <usize>m << 2;
        for (; p < kc; p++) {
          v128.store(panel + (<usize>p << 4), v128.load(src));
          src += step;
        }
      } else {
        const r0 = a + (<usize>((ic + i0) * k + pc) << 2);
        const ld = <usize>k << 2;
        for (; p + 4 <= kc; p += 4) {
          const src = r0 + (<usize>p << 2);
          transpose4(v128.load(src), v128.load(src + ld), v128.load(src + 2 * ld), v128.load(src + 3 * ld), panel + (<usize>p << 4), 16);
        }
      }
    }
    for (; p < kc; p++) {
      const out = panel + (<usize>p << 4);
      for (let i = 0; i < MR; i++) {
        let v: f32 = 0;
        if (i < rows) {
          const r = ic + i0 + i;
          v = transA ? load<f32>(a + (<usize>((pc + p) * m + r) << 2)) : load<f32>(a + (<usize>(r * k + pc + p) << 2));
        }
        store<f32>(out + (<usize>i << 2), v);
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function storeRow(c: usize, v0: v128, v1: v128, cols: i32, add: bool, tmp: usize): void {
  if (cols == NR) {
    if (add) {
      v0 = f32x4.add(v0, v128.load(c));
      v1 = f32x4.add(v1, v128.load(c + 16));
    }
    v128.store(c, v0);
    v128.store(c + 16, v1);
    return;
  }
  v128.store(tmp, v0);
  v128.store(tmp + 16, v1);
  for (let j = 0; j < cols; j++) {
    const o = c + (<usize>j << 2);
    const v = load<f32>(tmp + (<usize>j << 2));
    store<f32>(o, add ? load<f32>(o) + v : v);
  }
}

// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  // Modules built with relaxed SIMD use a fused multiply-add where the hardware has one
  // (one rounding instead of two); the plain build multiplies, then adds.
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

function microKernel(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, rows: i32, cols: i32, add: bool, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    ap += 16;
    bp += 32;
  }
  const stride = <usize>ldc << 2;
  storeRow(c, c00, c01, cols, add, tmp);
  if (rows > 1) storeRow(c + stride, c10, c11, cols, add, tmp);
  if (rows > 2) storeRow(c + 2 * stride, c20, c21, cols, add, tmp);
  if (rows > 3) storeRow(c + 3 * stride, c30, c31, cols, add, tmp);
}

/** Bytes of scratch `gemm` needs after `scratch` for the packed panels. */
export function gemmScratchBytes(): i32 {
  return (KC * (NC + NR) + KC * (MC + MR)) * 4 + 32;
}

/**
 * C (m×n) = op(A)·op(B) (+ C when accumulate). transA: A stored k×m; transB: B stored n×k.
 * Computes rows [rowStart, rowEnd) only, so several threads can split one product.
 */
export function gemm(
  transA: bool, transB: bool, m: i32, n: i32, k: i32,
  a: usize, b: usize, c: usize, accumulate: bool, scratch: usize, rowStart: i32, rowEnd: i32,
): void {
  const packedB = scratch;
  const packedA = scratch + (<usize>(KC * (NC + NR)) << 2);
  const tmp = packedA + (<usize>(KC * (MC + MR)) << 2);
  if (k == 0) {
    if (!accumulate) memory.fill(c + (<usize>(rowStart * n) << 2), 0, <usize>((rowEnd - rowStart) * n) << 2);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(transB, b, n, k, pc, kc, jc, nc, packedB);
      const add = accumulate || pc > 0;
      for (let ic = rowStart; ic < rowEnd; ic += MC) {
        const mc = min(MC, rowEnd - ic);
        packA(transA, a, m, k, ic, mc, pc, kc, packedA);
        for (let j0 = 0; j0 < nc; j0 += NR) {
          const cols = min(NR, nc - j0);
          for (let i0 = 0; i0 < mc; i0 += MR) {
            const rows = min(MR, mc - i0);
            microKernel(
              kc,
              packedA + (<usize>(i0 * kc) << 2),
              packedB + (<usize>(j0 * kc) << 2),
              c + (<usize>((ic + i0) * n + jc + j0) << 2),
              n, rows, cols, add, tmp,
            );
          }
        }
      }
    }
  }
}
