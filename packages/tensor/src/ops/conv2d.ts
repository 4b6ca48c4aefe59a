import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import type { Storage } from '../backend/storage.js';
import { ShapeError, fmtShape } from '../errors.js';
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
  const be = backendFor(x, weight, bias);
  const col = pointwise ? null : be.alloc(K * L);
  const columns = (n: number, g: number): Storage => {
    const offset = (n * C + g * Cg) * HW;
    if (col === null) return be.view(x.storage, offset, K * L);
    be.im2col(x.storage, offset, geom, col);
    return col;
  };
  const out = be.alloc(N * O * L);
  for (let n = 0; n < N; n++) {
    for (let g = 0; g < groups; g++) {
      const o0 = (n * O + g * Og) * L;
      be.gemm(false, false, Og, L, K, be.view(weight.storage, g * Og * K, Og * K), columns(n, g), be.view(out, o0, Og * L), false);
    }
  }
  // The bias broadcast over images and positions, added in place.
  if (bias !== undefined) be.binary('add', out, [N, O, L], bias.storage, [O, 1], out, [N, O, L]);
  const parents = bias === undefined ? [x, weight] : [x, weight, bias];
  return record('conv2d', out, [N, O, geom.outH, geom.outW], parents, (gOut) => {
    const gx = x.requiresGrad ? be.alloc(x.size) : null;
    const gw = weight.requiresGrad ? be.alloc(weight.size) : null;
    const dcol = gx !== null ? be.alloc(K * L) : null;
    for (let n = 0; n < N; n++) {
      for (let g = 0; g < groups; g++) {
        const o0 = (n * O + g * Og) * L;
        const gSlice = be.view(gOut, o0, Og * L);
        const wSlice = be.view(weight.storage, g * Og * K, Og * K);
        // dW_g += dY · colᵀ
        if (gw !== null) be.gemm(false, true, Og, K, L, gSlice, columns(n, g), be.view(gw, g * Og * K, Og * K), true);
        if (gx !== null && dcol !== null) {
          const offset = (n * C + g * Cg) * HW;
          if (pointwise) {
            be.gemm(true, false, K, L, Og, wSlice, gSlice, be.view(gx, offset, K * L), true);
          } else {
            // dcol = W_gᵀ · dY, then scatter-add the columns back onto the image
            be.gemm(true, false, K, L, Og, wSlice, gSlice, dcol, false);
            be.col2im(dcol, geom, gx, offset);
          }
        }
      }
    }
    let gb: Storage | null = null;
    if (bias?.requiresGrad) {
      gb = be.alloc(O);
      be.biasGrad(gOut, N, O, L, gb);
    }
    return bias === undefined ? [gx, gw] : [gx, gw, gb];
  });
}
