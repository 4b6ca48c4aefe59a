import type { Kernels } from '../kernels/kernels.js';
import type { Storage } from './storage.js';

/** `Storage` in place of a Float32Array (also inside a union such as `Float32Array | null`). */
export type ToStorage<T> = T extends Float32Array ? Storage : T;

/** A kernel of {@link Kernels} with every Float32Array argument replaced by a {@link Storage}. */
export type OnStorage<F> = F extends (...args: infer A) => infer R ? (...args: { [K in keyof A]: ToStorage<A[K]> }) => R : never;

/**
 * The kernels of a backend: those of {@link Kernels}, on storages (index buffers stay host
 * `Int32Array`s). `unaryBackward` is optional: without it the ops compose each derivative from
 * forward kernels (all but exact GELU's), so a new backend can start with forward kernels only.
 * `adam` is no backend kernel: optimizers update the host parameter vector through `kernels()`.
 */
export type BackendKernels = { readonly [K in Exclude<keyof Kernels, 'name' | 'unaryBackward' | 'adam'>]: OnStorage<Kernels[K]> } & {
  /** The fused derivative of the unary ops; left out, the ops compose each derivative from forward kernels. */
  readonly unaryBackward?: OnStorage<Kernels['unaryBackward']>;
};

/**
 * Where tensors live and how ops compute on them: memory (allocate, upload, view, read back)
 * plus the kernels. Ops call only these, so a new backend (WebGPU, say) implements this
 * interface and every op, gradient and loss runs on it. `js` and `wasm` are two CPU backends
 * built by `cpuBackend(kernels)` over host `Float32Array`s. A backend is a plain value: pass it
 * to `withBackend(backend, fn)` (a model or trainer can be given one), or make it the default
 * with `setBackend`.
 */
export interface Backend extends BackendKernels {
  /** Name for logs and benchmarks, e.g. `'js'`, `'wasm-simd x2'`. */
  readonly name: string;
  /** True when storage is host memory, so `tensor.data` reads it synchronously (CPU backends). */
  readonly host: boolean;
  /** The CPU kernel set a host backend runs (null for device backends). */
  readonly cpuKernels: Kernels | null;
  /** New zero-filled storage of `size` elements. */
  alloc(size: number): Storage;
  /** Storage holding `data` (a host backend may keep `data` itself; callers must not write to it afterwards unless they own it). */
  upload(data: Float32Array): Storage;
  /** A window of `size` elements of `s` starting at `offset`, sharing its memory (writes go through). */
  view(s: Storage, offset: number, size: number): Storage;
  /** A copy of `s` in new storage. */
  copy(s: Storage): Storage;
  /** Set every element of `s` to `value`. */
  fill(s: Storage, value: number): void;
  /** The elements, copied to the host, once every queued kernel has finished. Works on every backend. */
  read(s: Storage): Promise<Float32Array>;
  /** The elements copied to the host synchronously, where the backend can wait (CPU backends do; WebGPU cannot, so it omits this). */
  readSync?(s: Storage): Float32Array;
}
