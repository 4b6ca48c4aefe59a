import { recordFlops } from '../cost/flop-meter.js';
import type { Kernels } from './kernels.js';

// Goto & van de Geijn, "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 34(3),
// 2008), §4–6: pack a KC×NC block of B and an MC×KC block of A into contiguous micro-panels,
// then sweep an MR×NR register-blocked micro-kernel over them. Packing also absorbs the
// transposes, so all four variants run the same inner loop.
const MR = 4;
const NR = 4;
const KC = 256; // A micro-panel (MR×KC) + B micro-panel (KC×NR) = 16 KiB: stays in L1
const MC = 64; // packed A block: 128 KiB (float64), in L2
const NC = 512; // packed B block: 1 MiB (float64), in L2/L3
// Below this many multiply-adds, packing costs more than it saves.
const SMALL = 32 * 32 * 32;

// Scratch panels, allocated once and reused: the hot path allocates nothing. They are
// float64 so the micro-kernel's loads need no float32→float64 conversion (measured ~15%
// faster in V8); the conversion happens once, while packing.
const packedA = new Float64Array(MC * KC);
const packedB = new Float64Array(KC * NC);
const edge = new Float64Array(MR * NR);

/** Pack rows i0..i0+mc, columns p0..p0+kc of op(A) into MR-row micro-panels (zero-padded). */
function packA(a: Float32Array, transA: boolean, lda: number, i0: number, mc: number, p0: number, kc: number): void {
  let t = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    for (let p = 0; p < kc; p++) {
      for (let r = 0; r < MR; r++) {
        const i = i0 + ir + r;
        packedA[t++] = r < rows ? (transA ? a[(p0 + p) * lda + i] : a[i * lda + p0 + p]) : 0;
      }
    }
  }
}

/** Pack rows p0..p0+kc, columns j0..j0+nc of op(B) into NR-column micro-panels (zero-padded). */
function packB(b: Float32Array, transB: boolean, ldb: number, p0: number, kc: number, j0: number, nc: number): void {
  let t = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    if (!transB && cols === NR) {
      for (let p = 0; p < kc; p++) {
        const src = (p0 + p) * ldb + j0 + jr;
        packedB[t] = b[src];
        packedB[t + 1] = b[src + 1];
        packedB[t + 2] = b[src + 2];
        packedB[t + 3] = b[src + 3];
        t += NR;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      for (let c = 0; c < NR; c++) {
        const j = j0 + jr + c;
        packedB[t++] = c < cols ? (transB ? b[j * ldb + p0 + p] : b[(p0 + p) * ldb + j]) : 0;
      }
    }
  }
}

/** C[MR×NR block at cOff] += A micro-panel · B micro-panel, with 16 accumulators in locals. */
function microKernel(kc: number, aOff: number, bOff: number, c: Float32Array, cOff: number, ldc: number, rows: number, cols: number): void {
  const A = packedA;
  const B = packedB;
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let ai = aOff;
  let bi = bOff;
  for (let p = 0; p < kc; p++) {
    const a0 = A[ai];
    const a1 = A[ai + 1];
    const a2 = A[ai + 2];
    const a3 = A[ai + 3];
    const b0 = B[bi];
    const b1 = B[bi + 1];
    const b2 = B[bi + 2];
    const b3 = B[bi + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    ai += MR;
    bi += NR;
  }
  if (rows === MR && cols === NR) {
    let o = cOff;
    c[o] += c00;
    c[o + 1] += c01;
    c[o + 2] += c02;
    c[o + 3] += c03;
    o += ldc;
    c[o] += c10;
    c[o + 1] += c11;
    c[o + 2] += c12;
    c[o + 3] += c13;
    o += ldc;
    c[o] += c20;
    c[o + 1] += c21;
    c[o + 2] += c22;
    c[o + 3] += c23;
    o += ldc;
    c[o] += c30;
    c[o + 1] += c31;
    c[o + 2] += c32;
    c[o + 3] += c33;
    return;
  }
  edge[0] = c00;
  edge[1] = c01;
  edge[2] = c02;
  edge[3] = c03;
  edge[4] = c10;
  edge[5] = c11;
  edge[6] = c12;
  edge[7] = c13;
  edge[8] = c20;
  edge[9] = c21;
  edge[10] = c22;
  edge[11] = c23;
  edge[12] = c30;
  edge[13] = c31;
  edge[14] = c32;
  edge[15] = c33;
  for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) c[cOff + r * ldc + q] += edge[r * NR + q];
}

/** Small products: a plain loop (i, p, j order, contiguous in B and C when B is not transposed). */
function smallGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const av = transA ? a[p * m + i] : a[i * k + p];
      if (av === 0) continue;
      if (transB) for (let j = 0; j < n; j++) c[cRow + j] += av * b[j * k + p];
      else {
        const bRow = p * n;
        for (let j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
      }
    }
  }
}

/**
 * The plain TypeScript gemm: C (m×n) (+)= op(A)·op(B), row-major. op(A) is m×k (A stored k×m
 * when transA); op(B) is k×n (B stored n×k when transB).
 */
export const jsGemm: Kernels['gemm'] = (transA, transB, m, n, k, a, b, c, accumulate) => {
  recordFlops(2 * m * n * k);
  if (!accumulate) c.fill(0, 0, m * n);
  if (m === 0 || n === 0 || k === 0) return;
  if (m * n * k <= SMALL) {
    smallGemm(transA, transB, m, n, k, a, b, c);
    return;
  }
  const lda = transA ? m : k;
  const ldb = transB ? k : n;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(b, transB, ldb, p0, kc, j0, nc);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, transA, lda, i0, mc, p0, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = Math.min(NR, nc - jr);
          const bOff = jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel(kc, ir * kc, bOff, c, (i0 + ir) * n + j0 + jr, n, Math.min(MR, mc - ir), cols);
          }
        }
      }
    }
  }
};
