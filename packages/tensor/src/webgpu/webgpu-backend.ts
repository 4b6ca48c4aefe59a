/// <reference types="@webgpu/types" preserve="true" />
import type { Backend } from '../backend/backend.js';
import type { Storage } from '../backend/storage.js';
import { recordFlops } from '../cost/flop-meter.js';
import { type AdamStep, type WindowGeometry, geometryArgs } from '../kernels/kernels.js';
import { type Shape, broadcastStrides, sizeOf, stridesOf } from '../shape.js';
import { GpuRuntime, type GpuStorage, Meta, WebGpuError, type WebGpuMemory } from './device.js';
import * as S from './shaders.js';

// NOTE: the kernel interface hands index outputs (argmax of max/min and of max pooling) over
// as host Int32Arrays, which a device cannot fill synchronously. This backend keeps them on the
// device instead, keyed by the host array, and its scatterAdd looks them up: the host array
// itself stays unfilled. Ops read such indices on the host nowhere (argmax/argmin compose
// their result on the device for device backends).
type DeviceIndex =
  | Readonly<{ kind: 'disjoint'; storage: GpuStorage }>
  | Readonly<{ kind: 'pool'; storage: GpuStorage; images: number; geom: WindowGeometry }>;

/** Rank, output shape and each operand's broadcast strides, the header of the broadcasting shaders. */
function broadcastHeader(meta: Meta, outShape: Shape, shapes: readonly Shape[]): Meta {
  const dims = outShape.length === 0 ? [1] : outShape;
  meta.u(dims.length, ...dims);
  for (const s of shapes) meta.u(...(outShape.length === 0 ? [0] : broadcastStrides(s, outShape)));
  return meta;
}

/** Kept and reduced sizes and strides of a reduction over `axes` (reduceShader's layout from word 6). */
function reductionWords(meta: Meta, shape: Shape, axes: readonly number[]): Meta {
  const strides = stridesOf(shape);
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const count = sizeOf(axes.map((a) => shape[a] as number));
  meta.u(kept.length, axes.length, count);
  meta.u(...kept.map((i) => shape[i] as number), ...kept.map((i) => strides[i] as number));
  meta.u(...axes.map((a) => shape[a] as number), ...axes.map((a) => strides[a] as number));
  return meta;
}

/** A WebGPU backend: the {@link Backend} whose tensors live in GPU buffers, plus its device memory figures. */
export interface WebGpuBackend extends Backend {
  /** Always false: tensors live on the device; read them with `await tensor.read()`. */
  readonly host: false;
  /** The device the kernels run on. */
  readonly device: GPUDevice;
  /** Live and pooled bytes on the device, and buffers created so far. */
  memory(): WebGpuMemory;
  /**
   * Run `fn` and return to the pool, at once, every device buffer allocated during it except
   * those of the tensors it returns (a tensor, or an array or object of tensors), as
   * TensorFlow.js's `tidy`. Optional: without it buffers return when their tensors are
   * garbage-collected, which can lag behind a training loop's device memory. A tensor freed here
   * throws a WebGpuError if used again.
   * @example const loss = backend.tidy(() => { const l = lossOf(batch); backward(l); return l; });
   */
  tidy<T>(fn: () => T): T;
  /**
   * One fused Adam / AdamW step over flat device vectors, in place on the moments m and v (the
   * optimizer update of {@link AdamStep}, in float32 on the device): m ← β1·m + (1−β1)·g;
   * v ← β2·v + (1−β2)·g²; out = scale·(m / c1 / (√(v / c2) + ε) + λ·p). `out` may be `g` or `p`.
   */
  adam(g: Storage, m: Storage, v: Storage, p: Storage, out: Storage, step: AdamStep): void;
}

/**
 * The WebGPU backend on `device`: every kernel of {@link Backend} as a WGSL compute shader, with
 * tensors resident on the device between ops and read back only by `await tensor.read()`.
 * Buffers are pooled and recycled when their tensors are garbage-collected (no `dispose`).
 * Host arrays handed to a kernel as inputs are uploaded; a user function (`unaryOp`) cannot run
 * on it.
 * @example
 * const backend = createWebGpuBackend(await (await navigator.gpu.requestAdapter())!.requestDevice());
 * const y = withBackend(backend, () => matmul(fromArray(a), fromArray(b)));
 * await y.read();
 */
export function createWebGpuBackend(device: GPUDevice): WebGpuBackend {
  const rt = new GpuRuntime(device);
  const indices = new WeakMap<Int32Array, DeviceIndex>();
  const dummy = (): GpuStorage => rt.temporary(rt.alloc(1, false));
  const inp = (s: Storage): GpuStorage => rt.input(s);
  const out = (op: string, s: Storage): GpuStorage => rt.output(op, s);
  /** A device copy of a host index array, or its device-resident values (see the NOTE above). */
  const indexOn = (index: Int32Array): GpuStorage => indices.get(index)?.storage ?? rt.temporary(rt.upload(index));

  const backend: WebGpuBackend = {
    name: 'webgpu',
    host: false,
    cpuKernels: null,
    device,
    memory: () => rt.memory(),
    tidy: (fn) => rt.tidy(fn),
    alloc: (size) => rt.alloc(size),
    upload: (data) => rt.upload(data),
    view: (s, offset, size) => rt.view(inp(s), offset, size),
    copy: (s) => rt.copy(inp(s)),
    fill: (s, value) => {
      const t = out('fill', s);
      rt.run(S.fillShader(), [t], new Meta().u(t.size, t.offset).f(value), t.size);
    },
    read: (s) => rt.read(inp(s)),

    gemm: (transA, transB, m, n, k, a, b, c, accumulate) => {
      recordFlops(2 * m * n * k);
      const A = inp(a);
      const B = inp(b);
      const C = out('gemm', c);
      if (m === 0 || n === 0) return;
      const meta = new Meta().u(m, n, k, accumulate ? 1 : 0, A.offset, B.offset, C.offset);
      rt.run(S.gemmShader(transA, transB), [A, B, C], meta, 0, [Math.ceil(n / 16), Math.ceil(m / 16)]);
    },
    unary: (kind, x, o, alpha) => {
      const X = inp(x);
      const O = out('unary', o);
      recordFlops(X.size);
      rt.run(S.unaryShader(kind), [X, O], new Meta().u(X.size, X.offset, O.offset).f(alpha), X.size);
    },
    unaryBackward: (kind, x, y, g, o, alpha) => {
      const X = inp(x);
      const Y = inp(y);
      const G = inp(g);
      const O = out('unaryBackward', o);
      recordFlops(2 * X.size);
      rt.run(S.unaryBackwardShader(kind), [X, Y, G, O], new Meta().u(X.size, X.offset, Y.offset, G.offset, O.offset).f(alpha), X.size);
    },
    binary: (kind, a, aShape, b, bShape, o, outShape) => {
      const A = inp(a);
      const B = inp(b);
      const O = out('binary', o);
      const n = sizeOf(outShape);
      recordFlops(n);
      const meta = broadcastHeader(new Meta().u(n, A.offset, B.offset, O.offset), outShape, [aShape, bShape]);
      rt.run(S.binaryShader(kind), [A, B, O], meta, n);
    },
    compare: (kind, a, aShape, b, bShape, o, outShape) => {
      const A = inp(a);
      const B = inp(b);
      const O = out('compare', o);
      const n = sizeOf(outShape);
      recordFlops(n);
      const meta = broadcastHeader(new Meta().u(n, A.offset, B.offset, O.offset), outShape, [aShape, bShape]);
      rt.run(S.binaryShader(kind), [A, B, O], meta, n);
    },
    where: (c, cShape, a, aShape, b, bShape, o, outShape) => {
      const C = inp(c);
      const A = inp(a);
      const B = inp(b);
      const O = out('where', o);
      const n = sizeOf(outShape);
      recordFlops(n);
      const meta = broadcastHeader(new Meta().u(n, C.offset, A.offset, B.offset, O.offset), outShape, [cShape, aShape, bShape]);
      rt.run(S.whereShader(), [C, A, B, O], meta, n);
    },
    clamp: (x, lo, hi, o) => {
      const X = inp(x);
      const O = out('clamp', o);
      recordFlops(X.size);
      rt.run(S.clampShader(), [X, O], new Meta().u(X.size, X.offset, O.offset).f(lo, hi), X.size);
    },
    binaryBackward: (kind, a, aShape, b, bShape, y, g, outShape, ga, gb) => {
      const A = inp(a);
      const B = inp(b);
      const Y = inp(y);
      const G = inp(g);
      const GA = ga === null ? dummy() : out('binaryBackward', ga);
      const GB = gb === null ? dummy() : out('binaryBackward', gb);
      const n = sizeOf(outShape);
      recordFlops((kind === 'pow' ? 4 : 2) * n);
      const meta = broadcastHeader(
        new Meta().u(n, A.offset, B.offset, Y.offset, G.offset, GA.offset, GB.offset, ga === null ? 0 : 1, gb === null ? 0 : 1),
        outShape,
        [aShape, bShape],
      );
      rt.run(S.binaryBackwardShader(kind), [A, B, Y, G, GA, GB], meta, n, undefined, [4, 5]);
    },
    reduce: (kind, x, shape, axes, o, argOut) => {
      const X = inp(x);
      const O = out('reduce', o);
      recordFlops(X.size);
      const wantArg = kind !== 'sum' && argOut !== undefined;
      const arg = wantArg ? rt.alloc(O.size, false) : dummy();
      const kindWord = kind === 'sum' ? 0 : kind === 'max' ? 1 : 2;
      const meta = reductionWords(new Meta().u(O.size, X.offset, O.offset, arg.offset, kindWord, wantArg ? 1 : 0), shape, axes);
      rt.run(S.reduceShader(), [X, O, arg], meta, O.size, undefined, [1, 2]);
      if (wantArg && argOut !== undefined) indices.set(argOut, { kind: 'disjoint', storage: arg });
    },
    softmax: (x, outer, dim, inner, o, log) => {
      const X = inp(x);
      const O = out('softmax', o);
      recordFlops(4 * outer * dim * inner);
      rt.run(S.softmaxShader(), [X, O], new Meta().u(outer * inner, X.offset, O.offset, dim, inner, log ? 1 : 0), outer * inner);
    },
    softmaxBackward: (y, g, outer, dim, inner, o, log) => {
      const Y = inp(y);
      const G = inp(g);
      const O = out('softmaxBackward', o);
      recordFlops(4 * outer * dim * inner);
      const meta = new Meta().u(outer * inner, Y.offset, G.offset, O.offset, dim, inner, log ? 1 : 0);
      rt.run(S.softmaxBackwardShader(), [Y, G, O], meta, outer * inner);
    },
    im2col: (x, offset, geom, col) => {
      const X = inp(x);
      const C = out('im2col', col);
      const n = geom.channels * geom.kernelH * geom.kernelW * geom.outH * geom.outW;
      rt.run(S.im2colShader(), [X, C], new Meta().u(n, X.offset + offset, C.offset, ...geometryArgs(geom)), n);
    },
    col2im: (col, geom, dx, offset) => {
      const C = inp(col);
      const D = out('col2im', dx);
      recordFlops(geom.channels * geom.kernelH * geom.kernelW * geom.outH * geom.outW);
      const n = geom.channels * geom.height * geom.width;
      rt.run(S.col2imShader(), [C, D], new Meta().u(n, C.offset, D.offset + offset, ...geometryArgs(geom)), n);
    },
    maxPool2d: (x, images, geom, o, argmax) => {
      const X = inp(x);
      const O = out('maxPool2d', o);
      recordFlops(images * geom.channels * geom.outH * geom.outW * geom.kernelH * geom.kernelW);
      const arg = rt.alloc(O.size, false);
      rt.run(
        S.poolShader(),
        [X, O, arg],
        new Meta().u(O.size, X.offset, O.offset, arg.offset, 1, ...geometryArgs(geom)),
        O.size,
        undefined,
        [1, 2],
      );
      indices.set(argmax, { kind: 'pool', storage: arg, images, geom });
    },
    avgPool2d: (x, images, geom, o) => {
      const X = inp(x);
      const O = out('avgPool2d', o);
      recordFlops(images * geom.channels * geom.outH * geom.outW * geom.kernelH * geom.kernelW);
      rt.run(
        S.poolShader(),
        [X, O, dummy()],
        new Meta().u(O.size, X.offset, O.offset, 0, 0, ...geometryArgs(geom)),
        O.size,
        undefined,
        [1],
      );
    },
    avgPool2dBackward: (g, images, geom, dx) => {
      const G = inp(g);
      const D = out('avgPool2dBackward', dx);
      recordFlops(images * geom.channels * geom.outH * geom.outW * geom.kernelH * geom.kernelW);
      const n = images * geom.channels * geom.height * geom.width;
      rt.run(S.poolBackwardShader(), [G, D, dummy()], new Meta().u(n, G.offset, D.offset, 0, 0, ...geometryArgs(geom)), n, undefined, [1]);
    },
    accumulate: (into, from) => {
      const I = out('accumulate', into);
      const F = inp(from);
      rt.run(S.accumulateShader(), [I, F], new Meta().u(I.size, I.offset, F.offset), I.size, undefined, [0]);
    },
    strided: (mode, strided, offset, strides, shape, dense) => {
      const n = sizeOf(shape);
      const St = mode === 'gather' ? inp(strided) : out('strided', strided);
      const D = mode === 'gather' ? out('strided', dense) : inp(dense);
      // Zero strides over a dimension > 1 make positions overlap; scatterAdd must then go in order.
      const overlap = mode !== 'gather' && shape.some((d, i) => d > 1 && strides[i] === 0);
      const dims = shape.length === 0 ? [1] : shape;
      const st = shape.length === 0 ? [0] : strides;
      const meta = new Meta().u(n, St.offset + offset, D.offset, dims.length, ...dims, ...st);
      rt.run(S.stridedShader(mode, overlap), [St, D], meta, n, undefined, [mode === 'gather' ? 1 : 0]);
    },
    scatterAdd: (g, index, o) => {
      const G = inp(g);
      const O = out('scatterAdd', o);
      const known = indices.get(index);
      if (known?.kind === 'pool') {
        const { geom, images } = known;
        const n = images * geom.channels * geom.height * geom.width;
        const meta = new Meta().u(n, G.offset, O.offset, known.storage.offset, 1, ...geometryArgs(geom));
        rt.run(S.poolBackwardShader(), [G, O, known.storage], meta, n, undefined, [1]);
        return;
      }
      const I = indexOn(index);
      rt.run(
        S.scatterAddShader(),
        [G, I, O],
        new Meta().u(index.length, G.offset, I.offset, O.offset, known === undefined ? 1 : 0),
        index.length,
      );
    },
    gatherRows: (x, outer, dim, inner, index, o) => {
      const X = inp(x);
      const O = out('gatherRows', o);
      const I = indexOn(index);
      const n = outer * index.length * inner;
      rt.run(S.gatherRowsShader(), [X, I, O], new Meta().u(n, X.offset, I.offset, O.offset, dim, index.length, inner), n);
    },
    gatherRowsBackward: (g, outer, dim, inner, index, o) => {
      const G = inp(g);
      const O = out('gatherRowsBackward', o);
      const I = indexOn(index);
      const n = outer * dim * inner;
      rt.run(S.gatherRowsBackwardShader(), [G, I, O], new Meta().u(n, G.offset, I.offset, O.offset, dim, index.length, inner), n);
    },
    map: () => {
      throw new WebGpuError('unaryOp', 'a built-in op (a JavaScript function cannot run on the GPU)', 'a user function on webgpu');
    },
    mapBackward: () => {
      throw new WebGpuError('unaryOp', 'a built-in op (a JavaScript function cannot run on the GPU)', 'a user function on webgpu');
    },
    logsumexp: (x, shape, axes, _keptShape, o) => {
      const X = inp(x);
      const O = out('logsumexp', o);
      recordFlops(2 * X.size + 2 * O.size);
      const meta = reductionWords(new Meta().u(O.size, X.offset, O.offset, 0, 0, 0), shape, axes);
      rt.run(S.logsumexpShader(), [X, O], meta, O.size);
    },
    logsumexpBackward: (x, shape, lse, g, keptShape, gx) => {
      const X = inp(x);
      const L = inp(lse);
      const G = inp(g);
      const O = out('logsumexpBackward', gx);
      const n = sizeOf(shape);
      recordFlops(3 * n);
      const meta = broadcastHeader(new Meta().u(n, X.offset, L.offset, G.offset, O.offset), shape, [keptShape]);
      rt.run(S.logsumexpBackwardShader(), [X, L, G, O], meta, n);
    },
    softmaxCrossEntropy: (logits, rows, classes, labels, rowWeight, norm, probs, loss) => {
      const X = inp(logits);
      const P = out('softmaxCrossEntropy', probs);
      const Lo = out('softmaxCrossEntropy', loss);
      recordFlops(5 * rows * classes + 4 * rows);
      const Y = rt.temporary(rt.upload(labels));
      const W = rt.temporary(rt.upload(rowWeight));
      const rowLoss = rt.alloc(rows, false);
      const meta = new Meta().u(rows, X.offset, Y.offset, W.offset, P.offset, rowLoss.offset, classes);
      rt.run(S.softmaxCrossEntropyShader(), [X, Y, W, P, rowLoss], meta, rows, undefined, [3, 4]);
      rt.run(S.sumRowsShader(), [rt.temporary(rowLoss), Lo], new Meta().u(1, rowLoss.offset, Lo.offset, rows).f(norm), 1);
    },
    softmaxCrossEntropyBackward: (g, probs, rows, classes, labels, rowWeight, norm, o) => {
      const G = inp(g);
      const P = inp(probs);
      const O = out('softmaxCrossEntropyBackward', o);
      recordFlops(2 * rows * classes);
      const Y = rt.temporary(rt.upload(labels));
      const W = rt.temporary(rt.upload(rowWeight));
      const meta = new Meta().u(rows * classes, G.offset, P.offset, Y.offset, W.offset, O.offset, classes).f(norm);
      rt.run(S.softmaxCrossEntropyBackwardShader(), [G, P, Y, W, O], meta, rows * classes);
    },
    binaryCrossEntropy: (z, t, weights, norm, loss) => {
      const Z = inp(z);
      const T = inp(t);
      const Lo = out('binaryCrossEntropy', loss);
      const n = Z.size;
      recordFlops(8 * n);
      const W = rt.temporary(rt.upload(weights));
      const each = rt.alloc(n, false);
      rt.run(S.binaryCrossEntropyShader(), [Z, T, W, each], new Meta().u(n, Z.offset, T.offset, W.offset, each.offset), n);
      rt.run(S.sumRowsShader(), [rt.temporary(each), Lo], new Meta().u(1, each.offset, Lo.offset, n).f(norm), 1);
    },
    binaryCrossEntropyBackward: (g, z, t, weights, norm, o) => {
      const G = inp(g);
      const Z = inp(z);
      const T = inp(t);
      const O = out('binaryCrossEntropyBackward', o);
      const n = Z.size;
      recordFlops(6 * n);
      const W = rt.temporary(rt.upload(weights));
      const meta = new Meta().u(n, G.offset, Z.offset, T.offset, W.offset, O.offset).f(norm);
      rt.run(S.binaryCrossEntropyBackwardShader(), [G, Z, T, W, O], meta, n);
    },
    movingAverage: (running, batch, momentum, scale) => {
      const R = out('movingAverage', running);
      const B = inp(batch);
      rt.run(S.movingAverageShader(), [R, B], new Meta().u(R.size, R.offset, B.offset).f(momentum, scale), R.size, undefined, [0]);
    },
    biasGrad: (g, n, o, l, outS) => {
      const G = inp(g);
      const O = out('biasGrad', outS);
      recordFlops(n * o * l);
      rt.run(S.biasGradShader(), [G, O], new Meta().u(o, G.offset, O.offset, n, l), o);
    },
    adam: (g, m, v, p, o, s) => {
      const G = inp(g);
      const M = out('adam', m);
      const V = out('adam', v);
      const P = inp(p);
      const O = out('adam', o);
      const n = G.size;
      recordFlops((12 + (s.weightDecay !== 0 ? 2 : 0) + (s.scale !== 1 ? 1 : 0)) * n);
      const meta = new Meta()
        .u(n, G.offset, M.offset, V.offset, P.offset, O.offset)
        .f(s.b1, s.b2, s.eps, s.c1, s.c2, s.weightDecay, s.scale);
      rt.run(S.adamShader(), [G, M, V, P, O], meta, n, undefined, [1, 2, 4]);
    },
  };
  rt.backend = backend;
  return backend;
}

/** Why {@link requestWebGpuBackend} found no backend, or the backend it made. */
export type WebGpuRequest =
  | Readonly<{
      /** The backend on the adapter's device. */
      backend: WebGpuBackend;
      /** Null: a backend was made. */
      reason: null;
    }>
  | Readonly<{
      /** Null: no backend here. */
      backend: null;
      /** Why not, for the user (no navigator.gpu, no adapter, a failed device request). */
      reason: string;
    }>;

/**
 * Ask `gpu` (default: `navigator.gpu` in a browser; in Node pass `create([])` of the `webgpu`
 * package) for an adapter and device, and build the WebGPU backend on it. Never throws for a
 * missing GPU: where there is none, `backend` is null and `reason` says why, so a caller can
 * fall back to the wasm backend and tell its user.
 * @example
 * const { backend, reason } = await requestWebGpuBackend();
 * setBackend(backend ?? createBackend('wasm'));
 */
export async function requestWebGpuBackend(gpu?: GPU): Promise<WebGpuRequest> {
  const g = gpu ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (g === undefined) return { backend: null, reason: 'this runtime has no WebGPU (navigator.gpu is undefined)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await g.requestAdapter();
  } catch (e) {
    return { backend: null, reason: `requestAdapter failed: ${(e as Error).message}` };
  }
  if (adapter === null) return { backend: null, reason: 'no WebGPU adapter (requestAdapter() returned null)' };
  try {
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBuffersPerShaderStage: Math.min(8, adapter.limits.maxStorageBuffersPerShaderStage),
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    return { backend: createWebGpuBackend(device), reason: null };
  } catch (e) {
    return { backend: null, reason: `requestDevice failed: ${(e as Error).message}` };
  }
}
