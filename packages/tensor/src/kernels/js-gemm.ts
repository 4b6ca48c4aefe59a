import { recordFlops } from '../cost/flop-meter.js';

// Block sizes chosen so a K_BLOCK×N_BLOCK panel of B (64×256 floats = 64 KiB) stays in L2
// while rows of A stream past it.
const K_BLOCK = 64;
const N_BLOCK = 256;

/** C = A·B (row-major), cache-blocked over k and n, four rows of A at a time. */
function gemmNN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  for (let j0 = 0; j0 < n; j0 += N_BLOCK) {
    const j1 = Math.min(n, j0 + N_BLOCK);
    for (let p0 = 0; p0 < k; p0 += K_BLOCK) {
      const p1 = Math.min(k, p0 + K_BLOCK);
      let i = 0;
      for (; i + 3 < m; i += 4) {
        const c0 = i * n;
        const c1 = c0 + n;
        const c2 = c1 + n;
        const c3 = c2 + n;
        for (let p = p0; p < p1; p++) {
          const a0 = a[i * k + p] as number;
          const a1 = a[(i + 1) * k + p] as number;
          const a2 = a[(i + 2) * k + p] as number;
          const a3 = a[(i + 3) * k + p] as number;
          const bRow = p * n;
          for (let j = j0; j < j1; j++) {
            const bv = b[bRow + j] as number;
            c[c0 + j] += a0 * bv;
            c[c1 + j] += a1 * bv;
            c[c2 + j] += a2 * bv;
            c[c3 + j] += a3 * bv;
          }
        }
      }
      for (; i < m; i++) {
        const cRow = i * n;
        for (let p = p0; p < p1; p++) {
          const av = a[i * k + p] as number;
          const bRow = p * n;
          for (let j = j0; j < j1; j++) c[cRow + j] += av * (b[bRow + j] as number);
        }
      }
    }
  }
}

/** Copy the transpose of `src` (rows×cols) into a fresh buffer (cols×rows). */
function transposed(src: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  const T = 32;
  for (let i0 = 0; i0 < rows; i0 += T) {
    for (let j0 = 0; j0 < cols; j0 += T) {
      const i1 = Math.min(rows, i0 + T);
      const j1 = Math.min(cols, j0 + T);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * rows + i] = src[i * cols + j] as number;
    }
  }
  return out;
}

/** The plain TypeScript gemm: transposed operands are copied once into row-major panels. */
export function jsGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  accumulate: boolean,
): void {
  recordFlops(2 * m * n * k);
  if (!accumulate) c.fill(0, 0, m * n);
  const aa = transA ? transposed(a, k, m) : a;
  const bb = transB ? transposed(b, n, k) : b;
  gemmNN(m, n, k, aa, bb, c);
}
