import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import type { Storage } from '../backend/storage.js';
import { ShapeError, fmtShape } from '../errors.js';
import { broadcastShapes, sizeOf, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';

/** For each output batch index, the matrix index into an operand with `batch` dims broadcast to `outBatch`. */
function batchIndex(batch: readonly number[], outBatch: readonly number[]): Int32Array {
  const n = sizeOf(outBatch);
  const idx = new Int32Array(n);
  const strides = stridesOf(batch);
  const lead = outBatch.length - batch.length;
  const outStrides = stridesOf(outBatch);
  for (let i = 0; i < n; i++) {
    let j = 0;
    for (let d = 0; d < batch.length; d++) {
      if (batch[d] === 1) continue;
      j += (Math.floor(i / outStrides[d + lead]) % outBatch[d + lead]) * strides[d];
    }
    idx[i] = j;
  }
  return idx;
}

/**
 * Matrix product with NumPy `matmul` semantics: [..., m, k]·[..., k, n] → [..., m, n], the
 * leading (batch) dimensions broadcast; a 1-D operand is a vector (its axis is dropped from
 * the result). Runs on the active kernel set's gemm.
 * @example matmul(x, w)            // [batch, in]·[in, out]
 * @example matmul(q, transpose(k)) // [b, h, t, d]·[b, h, d, t] → [b, h, t, t]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0) {
    throw new ShapeError('matmul', 'operands of rank ≥ 1', `${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  if (a.rank === 1 || b.rank === 1) {
    const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]]) : a;
    const b2 = b.rank === 1 ? reshape(b, [b.shape[0], 1]) : b;
    checkInner(a, b, a2, b2);
    const out = matmul(a2, b2);
    const shape = out.shape.filter((_, i) => !((a.rank === 1 && i === out.rank - 2) || (b.rank === 1 && i === out.rank - 1)));
    return reshape(out, shape);
  }
  checkInner(a, b, a, b);
  if (a.rank === 2 && b.rank === 2) return matmul2d(a, b);
  const m = a.shape[a.rank - 2];
  const k = a.shape[a.rank - 1];
  const n = b.shape[b.rank - 1];
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = broadcastShapes('matmul', aBatch, bBatch);
  const count = sizeOf(batch);
  const shape = [...batch, m, n];
  const be = backendFor(a, b);
  const out = be.alloc(count * m * n);
  // A plain weight matrix on the right folds the batch into m: one big gemm instead of many small ones.
  if (b.rank === 2 && aBatch.length === batch.length) {
    be.gemm(false, false, count * m, n, k, a.storage, b.storage, out, false);
    return record('matmul', out, shape, [a, b], (g) => {
      let ga: Storage | null = null;
      let gb: Storage | null = null;
      if (a.requiresGrad) {
        ga = be.alloc(a.size);
        be.gemm(false, true, count * m, k, n, g, b.storage, ga, false); // dA = dC · Bᵀ
      }
      if (b.requiresGrad) {
        gb = be.alloc(b.size);
        be.gemm(true, false, k, n, count * m, a.storage, g, gb, false); // dB = Aᵀ · dC
      }
      return [ga, gb];
    });
  }
  const ai = batchIndex(aBatch, batch);
  const bi = batchIndex(bBatch, batch);
  const mk = m * k;
  const kn = k * n;
  const mn = m * n;
  for (let i = 0; i < count; i++) {
    be.gemm(false, false, m, n, k, be.view(a.storage, ai[i] * mk, mk), be.view(b.storage, bi[i] * kn, kn), be.view(out, i * mn, mn), false);
  }
  return record('matmul', out, shape, [a, b], (g) => {
    const ga = a.requiresGrad ? be.alloc(a.size) : null;
    const gb = b.requiresGrad ? be.alloc(b.size) : null;
    for (let i = 0; i < count; i++) {
      const gi = be.view(g, i * mn, mn);
      // Accumulating sums the gradient over broadcast batch dimensions.
      if (ga) be.gemm(false, true, m, k, n, gi, be.view(b.storage, bi[i] * kn, kn), be.view(ga, ai[i] * mk, mk), true);
      if (gb) be.gemm(true, false, k, n, m, be.view(a.storage, ai[i] * mk, mk), gi, be.view(gb, bi[i] * kn, kn), true);
    }
    return [ga, gb];
  });
}

/** The plain 2-D case, kept free of batch bookkeeping: tiny products (evolution evaluates many) are dominated by overhead. */
function matmul2d(a: Tensor, b: Tensor): Tensor {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1] as number;
  const be = backendFor(a, b);
  const out = be.alloc(m * n);
  be.gemm(false, false, m, n, k, a.storage, b.storage, out, false);
  return record('matmul', out, [m, n], [a, b], (g) => {
    let ga: Storage | null = null;
    let gb: Storage | null = null;
    if (a.requiresGrad) {
      ga = be.alloc(m * k);
      be.gemm(false, true, m, k, n, g, b.storage, ga, false); // dA = dC · Bᵀ
    }
    if (b.requiresGrad) {
      gb = be.alloc(k * n);
      be.gemm(true, false, k, n, m, a.storage, g, gb, false); // dB = Aᵀ · dC
    }
    return [ga, gb];
  });
}

function checkInner(a: Tensor, b: Tensor, a2: Tensor, b2: Tensor): void {
  if (a2.shape[a2.rank - 1] !== b2.shape[b2.rank - 2]) {
    throw new ShapeError(
      'matmul',
      `inner dimensions to agree ([..., m, k]·[..., k, n]), k = ${a2.shape[a2.rank - 1]}`,
      `${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
}
