import { result } from '../autograd.js';
import { ShapeError, fmtShape } from '../errors.js';
import { kernels } from '../kernels/registry.js';
import type { Tensor } from '../tensor.js';

/**
 * Matrix product of 2-D tensors: (m×k)·(k×n) → m×n. Batched inputs are handled by `bmm`.
 * @example matmul(x, w) // x: [batch, in], w: [in, out]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank !== 2 || b.rank !== 2 || a.shape[1] !== b.shape[0]) {
    throw new ShapeError('matmul', '2-D operands [m, k] and [k, n]', `${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1] as number;
  const out = new Float32Array(m * n);
  kernels().gemm(false, false, m, n, k, a.data, b.data, out, false);
  return result('matmul', out, [m, n], [a, b], (g) => {
    let ga: Float32Array | null = null;
    let gb: Float32Array | null = null;
    if (a.requiresGrad) {
      ga = new Float32Array(m * k);
      kernels().gemm(false, true, m, k, n, g, b.data, ga, false); // dA = dC · Bᵀ
    }
    if (b.requiresGrad) {
      gb = new Float32Array(k * n);
      kernels().gemm(true, false, k, n, m, a.data, g, gb, false); // dB = Aᵀ · dC
    }
    return [ga, gb];
  });
}
