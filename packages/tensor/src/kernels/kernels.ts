import type { Shape } from '../shape.js';

/** Elementwise functions a kernel set must provide, named so a non-JS set can implement them. */
export type UnaryKind =
  | 'neg'
  | 'exp'
  | 'log'
  | 'tanh'
  | 'relu'
  | 'sigmoid'
  | 'sqrt'
  | 'abs'
  | 'square'
  | 'leakyRelu'
  | 'elu'
  | 'gelu'
  | 'geluTanh'
  | 'softplus';

/** Broadcasting binary functions a kernel set must provide. */
export type BinaryKind = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';

/** Reductions a kernel set must provide. */
export type ReduceKind = 'sum' | 'max' | 'min';

/**
 * Geometry of one 2-D convolution or pooling window sweep over an NCHW tensor.
 * `channels` is the number of channels the window sweeps (per group for conv).
 */
export type WindowGeometry = Readonly<{
  /** Channels the window sweeps (per group for conv). */
  channels: number;
  /** Input height in pixels. */
  height: number;
  /** Input width in pixels. */
  width: number;
  /** Window (kernel) height. */
  kernelH: number;
  /** Window (kernel) width. */
  kernelW: number;
  /** Vertical step between output rows, ≥ 1. */
  strideH: number;
  /** Horizontal step between output columns, ≥ 1. */
  strideW: number;
  /** Padding rows above and below. */
  padH: number;
  /** Padding columns left and right. */
  padW: number;
  /** Vertical spacing between kernel taps (1 = dense). */
  dilationH: number;
  /** Horizontal spacing between kernel taps (1 = dense). */
  dilationW: number;
  /** Output height: ⌊(height + 2·padH − dilationH·(kernelH − 1) − 1) / strideH⌋ + 1. */
  outH: number;
  /** Output width, as `outH`. */
  outW: number;
}>;

/**
 * The hot loops, as plain functions on raw Float32Arrays. Ops call whichever set is
 * active, so a faster set (WebAssembly SIMD, multi-threaded) replaces this one
 * without touching any op: spread `jsKernels` and override what you have.
 * Every kernel reports its FLOPs through `recordFlops` (transcendentals count as 1).
 */
export type Kernels = Readonly<{
  /** Name for logs and benchmarks, e.g. `'js'`, `'wasm-simd x2'`. */
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
  /** out[i] = f(x[i]); `alpha` parameterises leakyRelu (slope) and elu (scale). */
  unary(kind: UnaryKind, x: Float32Array, out: Float32Array, alpha: number): void;
  /** out[i] = g[i] · f'(x[i]), given the forward output y. */
  unaryBackward(kind: UnaryKind, x: Float32Array, y: Float32Array, g: Float32Array, out: Float32Array, alpha: number): void;
  /** out = f(a, b) with NumPy broadcasting of `aShape` and `bShape` to `outShape`. */
  binary(kind: BinaryKind, a: Float32Array, aShape: Shape, b: Float32Array, bShape: Shape, out: Float32Array, outShape: Shape): void;
  /**
   * Reduce `x` over `axes` (sorted, unique) into `out` (the kept dims, in order). For max/min,
   * `argOut` (optional) receives the flat index into `x` of the first extreme element.
   */
  reduce(kind: ReduceKind, x: Float32Array, shape: Shape, axes: readonly number[], out: Float32Array, argOut?: Int32Array): void;
  /** Softmax (or log-softmax) of x viewed as [outer, dim, inner] along the middle axis. */
  softmax(x: Float32Array, outer: number, dim: number, inner: number, out: Float32Array, log: boolean): void;
  /** Gradient of `softmax` given its output y and the output gradient g. */
  softmaxBackward(y: Float32Array, g: Float32Array, outer: number, dim: number, inner: number, out: Float32Array, log: boolean): void;
  /** One image's [channels, H, W] (at `offset` of x) unrolled to col [channels·kH·kW, outH·outW]. */
  im2col(x: Float32Array, offset: number, geom: WindowGeometry, col: Float32Array): void;
  /** The adjoint of im2col: add col back into one image of dx (at `offset`). */
  col2im(col: Float32Array, geom: WindowGeometry, dx: Float32Array, offset: number): void;
  /** Max pooling over `images` images of `geom.channels` planes; `argmax` gets flat input indices (-1 if the window is all padding). */
  maxPool2d(x: Float32Array, images: number, geom: WindowGeometry, out: Float32Array, argmax: Int32Array): void;
  /** Average pooling; padding counts as zeros in the divisor (PyTorch's count_include_pad=True). */
  avgPool2d(x: Float32Array, images: number, geom: WindowGeometry, out: Float32Array): void;
  /** Gradient of `avgPool2d`: spread each output gradient over its window (padding included in the divisor). */
  avgPool2dBackward(g: Float32Array, images: number, geom: WindowGeometry, dx: Float32Array): void;
}>;
