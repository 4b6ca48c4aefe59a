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

/** Broadcasting comparisons a kernel set must provide: 1 where the test holds, else 0. */
export type CompareKind = 'equal' | 'greater' | 'greaterEqual' | 'less' | 'lessEqual';

/** Binary ops whose gradient is a fused kernel (`binaryBackward`): their derivatives are not exact in float32 primitives. */
export type FusedBinaryBackwardKind = 'pow' | 'maximum' | 'minimum';

/** Unary ops whose derivative is exact when built from the binary primitives, so no kernel set needs an `unaryBackward` for them. */
export type ComposedUnaryKind = 'neg' | 'exp' | 'log' | 'sqrt' | 'square';

/**
 * Settings of one fused Adam / AdamW step (`Kernels.adam`): the moment decay rates, ε, the
 * bias corrections c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ of step t, a decoupled weight decay and the
 * factor the update is scaled by (−lr for a descent step, 1 for the bare rescaling).
 */
export type AdamStep = Readonly<{
  /** β1, decay rate of the first-moment EMA. */
  b1: number;
  /** β2, decay rate of the second-moment EMA. */
  b2: number;
  /** ε added to the denominator √v̂. */
  eps: number;
  /** Bias correction of the first moment, 1 − β1ᵗ. */
  c1: number;
  /** Bias correction of the second moment, 1 − β2ᵗ. */
  c2: number;
  /** Decoupled weight decay λ (AdamW): λ·p is added to the rescaled gradient; 0 for none. */
  weightDecay: number;
  /** Factor applied last (−lr for an update to add to the parameters; 1 for none). */
  scale: number;
}>;

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

/** A window geometry as its 13 numbers, in the order the wasm and WebGPU kernels take them. */
export type GeometryArgs = [
  channels: number,
  height: number,
  width: number,
  kernelH: number,
  kernelW: number,
  strideH: number,
  strideW: number,
  padH: number,
  padW: number,
  dilationH: number,
  dilationW: number,
  outH: number,
  outW: number,
];

/** {@link GeometryArgs} of a geometry. */
export const geometryArgs = (g: WindowGeometry): GeometryArgs => [
  g.channels,
  g.height,
  g.width,
  g.kernelH,
  g.kernelW,
  g.strideH,
  g.strideW,
  g.padH,
  g.padW,
  g.dilationH,
  g.dilationW,
  g.outH,
  g.outW,
];

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
  /**
   * out[i] = g[i] · f'(x[i]), given the forward output y. Ops never call it for a
   * {@link ComposedUnaryKind} (their derivative is built from `binary`); for the other kinds a
   * set may leave it to the plain one, e.g. by spreading `jsKernels`.
   */
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
  /** into[i] += from[i] (gradient accumulation; bookkeeping, not charged as FLOPs). */
  accumulate(into: Float32Array, from: Float32Array): void;
  /**
   * Move a strided view of `shape` between a strided buffer and a dense one: 'gather' reads
   * dense[i] = strided[offset + Σ idx·strides], 'scatter' writes it back, 'scatterAdd' adds it.
   * Every shape op (permute, slice, pad, concat, broadcast) is one of these. Not charged as FLOPs.
   */
  strided(
    mode: 'gather' | 'scatter' | 'scatterAdd',
    strided: Float32Array,
    offset: number,
    strides: readonly number[],
    shape: Shape,
    dense: Float32Array,
  ): void;
  /** out = (a ⋚ b ? 1 : 0) with NumPy broadcasting of `aShape` and `bShape` to `outShape`. */
  compare(kind: CompareKind, a: Float32Array, aShape: Shape, b: Float32Array, bShape: Shape, out: Float32Array, outShape: Shape): void;
  /** out = c ≠ 0 ? a : b, all three broadcast to `outShape`. */
  where(
    c: Float32Array,
    cShape: Shape,
    a: Float32Array,
    aShape: Shape,
    b: Float32Array,
    bShape: Shape,
    out: Float32Array,
    outShape: Shape,
  ): void;
  /** out[i] = min(max(x[i], lo), hi). */
  clamp(x: Float32Array, lo: number, hi: number, out: Float32Array): void;
  /**
   * Gradients of a binary op that are not exact in float32 primitives, for the full broadcast
   * shape (the op sums them back to each operand's shape): ga (if not null) gets g·∂y/∂a, gb g·∂y/∂b.
   */
  binaryBackward(
    kind: FusedBinaryBackwardKind,
    a: Float32Array,
    aShape: Shape,
    b: Float32Array,
    bShape: Shape,
    y: Float32Array,
    g: Float32Array,
    outShape: Shape,
    ga: Float32Array | null,
    gb: Float32Array | null,
  ): void;
  /** out[index[i]] += g[i] wherever index[i] ≥ 0 (the gradient of max and max pooling). */
  scatterAdd(g: Float32Array, index: Int32Array, out: Float32Array): void;
  /** x viewed as [outer, dim, inner]: out[o, j, :] = x[o, index[j], :] (out is [outer, index.length, inner]). */
  gatherRows(x: Float32Array, outer: number, dim: number, inner: number, index: Int32Array, out: Float32Array): void;
  /** The adjoint of `gatherRows`: out[o, index[j], :] += g[o, j, :]. */
  gatherRowsBackward(g: Float32Array, outer: number, dim: number, inner: number, index: Int32Array, out: Float32Array): void;
  /** out[i] = f(x[i]) for a user's own elementwise function (`unaryOp`); host kernel sets only. */
  map(x: Float32Array, f: (v: number) => number, out: Float32Array): void;
  /** out[i] = g[i] · df(x[i], y[i]) for `unaryOp`'s derivative. */
  mapBackward(x: Float32Array, y: Float32Array, g: Float32Array, df: (v: number, y: number) => number, out: Float32Array): void;
  /** log Σ exp(x) over `axes` (sorted) into `out` (the kept elements), shifted by the max; `keptShape` has the reduced axes as 1. */
  logsumexp(x: Float32Array, shape: Shape, axes: readonly number[], keptShape: Shape, out: Float32Array): void;
  /** Gradient of `logsumexp`: gx = g · exp(x − lse), with g and lse of `keptShape`. */
  logsumexpBackward(x: Float32Array, shape: Shape, lse: Float32Array, g: Float32Array, keptShape: Shape, gx: Float32Array): void;
  /**
   * Softmax cross-entropy of logits [rows, classes] against class indices `labels`, weighted
   * per row and divided by `norm`: writes the loss into `loss[0]` and the softmax into `probs`.
   */
  softmaxCrossEntropy(
    logits: Float32Array,
    rows: number,
    classes: number,
    labels: Int32Array,
    rowWeight: Float64Array,
    norm: number,
    probs: Float32Array,
    loss: Float32Array,
  ): void;
  /** Gradient of `softmaxCrossEntropy` given the loss gradient g (one element): (g/norm)·w·(probs − onehot). */
  softmaxCrossEntropyBackward(
    g: Float32Array,
    probs: Float32Array,
    rows: number,
    classes: number,
    labels: Int32Array,
    rowWeight: Float64Array,
    norm: number,
    out: Float32Array,
  ): void;
  /** Binary cross-entropy from logits z and targets t (weights per element), divided by `norm`, into `loss[0]`. */
  binaryCrossEntropy(z: Float32Array, t: Float32Array, weights: Float64Array, norm: number, loss: Float32Array): void;
  /** Gradient of `binaryCrossEntropy`: (g/norm)·w·(σ(z) − t). */
  binaryCrossEntropyBackward(
    g: Float32Array,
    z: Float32Array,
    t: Float32Array,
    weights: Float64Array,
    norm: number,
    out: Float32Array,
  ): void;
  /** In place: running = (1 − momentum)·running + momentum·batch·scale (running statistics; not charged as FLOPs). */
  movingAverage(running: Float32Array, batch: Float32Array, momentum: number, scale: number): void;
  /** Bias gradient of a convolution: out[o] += Σ over n and the L positions of g [N, O, L]. */
  biasGrad(g: Float32Array, n: number, o: number, l: number, out: Float32Array): void;
  /**
   * One fused Adam / AdamW step over flat vectors (Kingma & Ba 2015, Algorithm 1; Loshchilov &
   * Hutter 2019, Algorithm 2), in place on the moments m and v:
   * m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  out = scale·(m / c1 / (√(v / c2) + ε) + λ·p).
   * `out` may be `g`; `p` is read only when λ ≠ 0. Charges 12 FLOPs per value, 2 more with
   * decay and 1 more when scale ≠ 1 (what the unfused optimizer chain charges). Every kernel set
   * must give the plain set's bits (float64 arithmetic, a float32 rounding after the rescaling,
   * after the decay and after the scaling), so optimizer results never depend on the set.
   */
  adam(g: Float32Array, m: Float32Array, v: Float32Array, p: Float32Array, out: Float32Array, step: AdamStep): void;
}>;
