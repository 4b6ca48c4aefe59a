import { result } from '../autograd.js';
import { ShapeError, fmtShape } from '../errors.js';
import { recordFlops } from '../cost/flop-meter.js';
import { kernels } from '../kernels/registry.js';
import type { Tensor } from '../tensor.js';
import { type Pair, geometry, pair, requireNchw } from './window.js';

/** Options of `conv2d`; a `Pair` is one number for both spatial dims or `[h, w]`. */
export type Conv2dOptions = Readonly<{
  /** [outChannels] added to every output position. */
  bias?: Tensor;
  /** Step between output positions, ≥ 1. Default 1. */
  stride?: Pair;
  /** Zero padding on each side. */
  padding?: Pair;
  /** Spacing between kernel taps, ≥ 1 (1 = dense kernel). Default 1. */
  dilation?: Pair;
  /** Split channels into groups convolved separately (groups = inChannels is depthwise). */
  groups?: number;
}>;

/**
 * 2-D cross-correlation (PyTorch's conv2d): x [N, C, H, W], weight [O, C/groups, kH, kW]
 * → [N, O, outH, outW]. Each image and group is unrolled by im2col and multiplied by the
 * weight with one gemm; the backward pass uses the same two kernels (and col2im).
 * @example conv2d(images, w, { padding: 1, bias: b }) // 3×3 "same" convolution
 */
export function conv2d(x: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  requireNchw('conv2d', x);
  if (weight.rank !== 4) throw new ShapeError('conv2d', 'a weight [outC, inC/groups, kH, kW] of rank 4', fmtShape(weight.shape));
  const groups = options.groups ?? 1;
  const [N, C] = x.shape as [number, number];
  const [O, Cg, kH, kW] = weight.shape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1 || C % groups !== 0 || O % groups !== 0) {
    throw new ShapeError('conv2d', `groups dividing both in (${C}) and out (${O}) channels`, `groups=${groups}`);
  }
  if (Cg * groups !== C) {
    throw new ShapeError(
      'conv2d',
      `weight [${O}, ${C / groups}, kH, kW] for ${C} input channels in ${groups} group(s)`,
      fmtShape(weight.shape),
    );
  }
  const bias = options.bias;
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== O)) {
    throw new ShapeError('conv2d', `bias of shape [${O}]`, fmtShape(bias.shape));
  }
  const geom = geometry(
    'conv2d',
    x.shape,
    Cg,
    [kH, kW],
    pair('conv2d', 'stride', options.stride ?? 1, 1),
    pair('conv2d', 'padding', options.padding ?? 0, 0),
    pair('conv2d', 'dilation', options.dilation ?? 1, 1),
  );
  const Og = O / groups;
  const K = Cg * kH * kW;
  const L = geom.outH * geom.outW;
  const HW = geom.height * geom.width;
  // A 1×1, stride-1, unpadded convolution is a plain matrix product: its columns are the input.
  const pointwise = kH === 1 && kW === 1 && geom.strideH === 1 && geom.strideW === 1 && geom.padH === 0 && geom.padW === 0;
  const col = pointwise ? null : new Float32Array(K * L);
  const kern = kernels();
  const columns = (n: number, g: number): Float32Array => {
    const offset = (n * C + g * Cg) * HW;
    if (col === null) return x.data.subarray(offset, offset + K * L);
    kern.im2col(x.data, offset, geom, col);
    return col;
  };
  const out = new Float32Array(N * O * L);
  for (let n = 0; n < N; n++) {
    for (let g = 0; g < groups; g++) {
      const o0 = (n * O + g * Og) * L;
      kern.gemm(
        false,
        false,
        Og,
        L,
        K,
        weight.data.subarray(g * Og * K, (g + 1) * Og * K),
        columns(n, g),
        out.subarray(o0, o0 + Og * L),
        false,
      );
    }
  }
  if (bias !== undefined) {
    recordFlops(out.length);
    for (let n = 0; n < N; n++) {
      for (let o = 0; o < O; o++) {
        const b = bias.data[o];
        const base = (n * O + o) * L;
        for (let i = 0; i < L; i++) out[base + i] += b;
      }
    }
  }
  const parents = bias === undefined ? [x, weight] : [x, weight, bias];
  return result('conv2d', out, [N, O, geom.outH, geom.outW], parents, (gOut) => {
    const k2 = kernels();
    const gx = x.requiresGrad ? new Float32Array(x.size) : null;
    const gw = weight.requiresGrad ? new Float32Array(weight.size) : null;
    const dcol = gx !== null ? new Float32Array(K * L) : null;
    for (let n = 0; n < N; n++) {
      for (let g = 0; g < groups; g++) {
        const o0 = (n * O + g * Og) * L;
        const gSlice = gOut.subarray(o0, o0 + Og * L);
        const wSlice = weight.data.subarray(g * Og * K, (g + 1) * Og * K);
        // dW_g += dY · colᵀ
        if (gw !== null) k2.gemm(false, true, Og, K, L, gSlice, columns(n, g), gw.subarray(g * Og * K, (g + 1) * Og * K), true);
        if (gx !== null && dcol !== null) {
          const offset = (n * C + g * Cg) * HW;
          if (pointwise) {
            k2.gemm(true, false, K, L, Og, wSlice, gSlice, gx.subarray(offset, offset + K * L), true);
          } else {
            // dcol = W_gᵀ · dY, then scatter-add the columns back onto the image
            k2.gemm(true, false, K, L, Og, wSlice, gSlice, dcol, false);
            k2.col2im(dcol, geom, gx, offset);
          }
        }
      }
    }
    let gb: Float32Array | null = null;
    if (bias?.requiresGrad) {
      gb = new Float32Array(O);
      recordFlops(gOut.length);
      for (let n = 0; n < N; n++) {
        for (let o = 0; o < O; o++) {
          const base = (n * O + o) * L;
          let s = 0;
          for (let i = 0; i < L; i++) s += gOut[base + i];
          gb[o] += s;
        }
      }
    }
    return bias === undefined ? [gx, gw] : [gx, gw, gb];
  });
}
