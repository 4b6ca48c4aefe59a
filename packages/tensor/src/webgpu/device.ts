/// <reference types="@webgpu/types" preserve="true" />
import type { Backend } from '../backend/backend.js';
import { type DeviceStorage, type Storage, isHost } from '../backend/storage.js';
import { TensorError } from '../errors.js';
import { WORKGROUP } from './shaders.js';

/** Thrown when a WebGPU kernel is asked for something a device cannot do (write into host memory, run a JavaScript callback). */
export class WebGpuError extends TensorError {
  /** Always `'WebGpuError'`. */
  override name = 'WebGpuError';
}

/** A pooled device buffer and how many bytes it holds (a power of two, at least 256). */
type Block = { readonly buffer: GPUBuffer; readonly bytes: number };

/**
 * A tensor's elements on the GPU: `size` float32s starting `offset` elements into a pooled
 * buffer. Views share the buffer of their root and hold the root, so the buffer goes back to
 * the pool only when no view of it is reachable.
 */
export class GpuStorage implements DeviceStorage {
  /** The WebGPU backend that owns the buffer. */
  readonly backend: Backend;
  /** The pooled buffer and its size in bytes, shared by every view of it. */
  readonly block: Readonly<{
    /** The GPU buffer. */
    buffer: GPUBuffer;
    /** Its size in bytes (a power of two, at least 256). */
    bytes: number;
  }>;
  /** Where the elements start in the buffer, in float32 elements. */
  readonly offset: number;
  /** Number of float32 elements. */
  readonly size: number;
  /** The storage whose buffer this one views (null for a root); keeps the buffer out of the pool while a view lives. */
  readonly root: GpuStorage | null;
  /** Set on a root whose buffer went back to the pool early (a kernel temporary, or `tidy`); every later use throws. */
  freed = false;

  constructor(backend: Backend, block: Block, offset: number, size: number, root: GpuStorage | null) {
    this.backend = backend;
    this.block = block;
    this.offset = offset;
    this.size = size;
    this.root = root;
  }
}

const BUFFER_USAGE = 0x80 /* STORAGE */ | 0x4 /* COPY_SRC */ | 0x8; /* COPY_DST */
const MAP_READ_USAGE = 0x1 /* MAP_READ */ | 0x8; /* COPY_DST */

/** Live and pooled device memory of a WebGPU backend, in bytes. */
export type WebGpuMemory = Readonly<{
  /** Bytes in buffers that reachable tensors (or queued kernels) still hold. */
  liveBytes: number;
  /** Bytes in free buffers kept for reuse. */
  pooledBytes: number;
  /** Buffers created since the backend started (a pool that works keeps this flat in a training loop). */
  buffersCreated: number;
}>;

/**
 * Device memory, kernel dispatch and read-back for the WebGPU backend. Buffers are pooled by
 * power-of-two size; a tensor's buffer returns to the pool when the tensor is garbage-collected
 * (a FinalizationRegistry), so there is no `dispose`. Every kernel is submitted at once, so the
 * queue orders all work: a buffer reused from the pool is written only after every kernel that
 * read it before.
 */
export class GpuRuntime {
  private readonly freeLists = new Map<number, GPUBuffer[]>();
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly registry: FinalizationRegistry<Block>;
  private live = 0;
  private pooled = 0;
  private created = 0;
  /** Free bytes kept beyond this are destroyed instead of pooled. */
  private readonly poolLimit: number;
  backend: Backend | null = null;

  constructor(
    readonly device: GPUDevice,
    poolLimitBytes = 256 * 2 ** 20,
  ) {
    this.poolLimit = poolLimitBytes;
    this.registry = new FinalizationRegistry((block) => this.release(block));
    // Validation and out-of-memory errors arrive asynchronously; the next read rejects with the first.
    device.addEventListener('uncapturederror', (event) => {
      this.errors.push((event as GPUUncapturedErrorEvent).error.message);
    });
  }

  private readonly errors: string[] = [];
  /** Roots allocated inside each open `tidy`, innermost last. */
  private readonly scopes: Set<GpuStorage>[] = [];
  /** Storages a kernel uploaded from the host for one dispatch: back to the pool right after it. */
  private readonly temporaries = new WeakSet<GpuStorage>();

  /** Mark `s` (a root) as a kernel temporary: its buffer goes back to the pool after the dispatch that binds it. */
  temporary(s: GpuStorage): GpuStorage {
    this.temporaries.add(s.root ?? s);
    return s;
  }

  /** Return a root's buffer to the pool now (it must not be used again: later uses throw). */
  free(s: GpuStorage): void {
    const root = s.root ?? s;
    if (root.freed) return;
    root.freed = true;
    this.registry.unregister(root);
    this.release(root.block);
  }

  /**
   * Run `fn`, then return to the pool every buffer allocated during it except those of the
   * tensors in its result (a tensor, or an array or object of tensors). Using a freed tensor
   * later throws a WebGpuError rather than reading recycled memory.
   */
  tidy<T>(fn: () => T): T {
    const scope = new Set<GpuStorage>();
    this.scopes.push(scope);
    let result: T;
    try {
      result = fn();
    } finally {
      this.scopes.pop();
    }
    const kept = new Set<GpuStorage>();
    const keep = (v: unknown): void => {
      const storage = (v as { storage?: unknown } | null)?.storage;
      if (storage instanceof GpuStorage) kept.add(storage.root ?? storage);
    };
    if (Array.isArray(result)) result.forEach(keep);
    else if (result !== null && typeof result === 'object' && !(result as { storage?: unknown }).storage)
      Object.values(result).forEach(keep);
    else keep(result);
    const outer = this.scopes.at(-1);
    for (const s of scope) {
      if (kept.has(s)) outer?.add(s);
      else this.free(s);
    }
    return result;
  }

  /** Current memory use. */
  memory(): WebGpuMemory {
    return { liveBytes: this.live, pooledBytes: this.pooled, buffersCreated: this.created };
  }

  private acquire(bytes: number): Block {
    let size = 256;
    while (size < bytes) size *= 2;
    const list = this.freeLists.get(size);
    const reused = list?.pop();
    this.live += size;
    if (reused !== undefined) {
      this.pooled -= size;
      return { buffer: reused, bytes: size };
    }
    this.created++;
    return { buffer: this.device.createBuffer({ size, usage: BUFFER_USAGE }), bytes: size };
  }

  private release(block: Block): void {
    this.live -= block.bytes;
    if (this.pooled + block.bytes > this.poolLimit) {
      block.buffer.destroy();
      return;
    }
    this.pooled += block.bytes;
    const list = this.freeLists.get(block.bytes);
    if (list === undefined) this.freeLists.set(block.bytes, [block.buffer]);
    else list.push(block.buffer);
  }

  private be(): Backend {
    if (this.backend === null) throw new WebGpuError('webgpu', 'a runtime bound to its backend', 'none');
    return this.backend;
  }

  /** A new storage of `size` elements; zero-filled unless `zero` is false (the caller writes every element). */
  alloc(size: number, zero = true): GpuStorage {
    const block = this.acquire(Math.max(4, size * 4));
    const s = new GpuStorage(this.be(), block, 0, size, null);
    this.registry.register(s, block, s);
    this.scopes.at(-1)?.add(s);
    if (zero && size > 0) {
      const enc = this.device.createCommandEncoder();
      enc.clearBuffer(block.buffer, 0, size * 4);
      this.device.queue.submit([enc.finish()]);
    }
    return s;
  }

  /** A device copy of host data. */
  upload(data: Float32Array | Int32Array | Float64Array): GpuStorage {
    const f = data instanceof Float32Array ? data : Float32Array.from(data);
    const s = this.alloc(f.length, false);
    if (f.length > 0) this.device.queue.writeBuffer(s.block.buffer, 0, f.buffer, f.byteOffset, f.byteLength);
    return s;
  }

  /** `s` itself when on this device; a host array is uploaded (an input a kernel only reads). */
  input(s: Storage): GpuStorage {
    if (isHost(s)) {
      const up = this.upload(s);
      this.temporaries.add(up);
      return up;
    }
    if (s instanceof GpuStorage && (s.root ?? s).freed) {
      throw new WebGpuError('webgpu', 'a live tensor', 'one whose buffer tidy() (or a kernel) already returned to the pool');
    }
    if (!(s instanceof GpuStorage) || s.backend !== this.backend) {
      throw new WebGpuError('webgpu', 'a storage of this WebGPU backend or a host array', `a storage of '${s.backend.name}'`);
    }
    return s;
  }

  /** `s` as an output: it must live on this device (a device cannot write host memory synchronously). */
  output(op: string, s: Storage): GpuStorage {
    if (isHost(s)) {
      throw new WebGpuError(
        op,
        'an output on the WebGPU device',
        'a host Float32Array (a device writes host memory only through await read())',
      );
    }
    return this.input(s);
  }

  view(s: GpuStorage, offset: number, size: number): GpuStorage {
    return new GpuStorage(this.be(), s.block, s.offset + offset, size, s.root ?? s);
  }

  copy(s: GpuStorage): GpuStorage {
    const out = this.alloc(s.size, false);
    if (s.size > 0) {
      const enc = this.device.createCommandEncoder();
      enc.copyBufferToBuffer(s.block.buffer, s.offset * 4, out.block.buffer, 0, s.size * 4);
      this.device.queue.submit([enc.finish()]);
    }
    return out;
  }

  /** The elements on the host, after every kernel queued before. */
  async read(s: GpuStorage): Promise<Float32Array> {
    if (s.size === 0) return new Float32Array(0);
    const staging = this.device.createBuffer({ size: s.size * 4, usage: MAP_READ_USAGE });
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(s.block.buffer, s.offset * 4, staging, 0, s.size * 4);
    this.device.queue.submit([enc.finish()]);
    await staging.mapAsync(1 /* GPUMapMode.READ */);
    const out = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    const error = this.errors.shift();
    if (error !== undefined) {
      this.errors.length = 0;
      throw new WebGpuError('read', 'every queued kernel to run', `a device error: ${error}`);
    }
    return out;
  }

  private pipeline(code: string): GPUComputePipeline {
    let p = this.pipelines.get(code);
    if (p === undefined) {
      const module = this.device.createShaderModule({ code });
      p = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      this.pipelines.set(code, p);
    }
    return p;
  }

  /**
   * WebGPU rejects one buffer in two writable bindings of a dispatch, and every binding here is
   * read_write. Of two bindings sharing a buffer, the one the kernel only reads is replaced by a
   * copy (same offsets); in-place kernels (out = f(out, b)) so read a copy and write the original.
   * `writes`: the positions the kernel writes.
   */
  private unaliased(bound: readonly GpuStorage[], writes: readonly number[]): GpuStorage[] {
    const out = [...bound];
    for (let i = 1; i < out.length; i++) {
      for (let j = 0; j < i; j++) {
        if ((out[i] as GpuStorage).block.buffer !== (out[j] as GpuStorage).block.buffer) continue;
        const k = !writes.includes(i) ? i : !writes.includes(j) ? j : -1;
        if (k < 0)
          throw new WebGpuError(
            'webgpu',
            'outputs in distinct buffers',
            `two outputs of one kernel sharing a buffer (bindings ${j} and ${i})`,
          );
        out[k] = this.clone(out[k] as GpuStorage);
      }
    }
    return out;
  }

  /** A copy of the whole buffer behind `s`, viewed at the same offset. */
  private clone(s: GpuStorage): GpuStorage {
    const root = this.alloc(s.block.bytes / 4, false);
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(s.block.buffer, 0, root.block.buffer, 0, s.block.bytes);
    this.device.queue.submit([enc.finish()]);
    this.temporaries.add(root);
    return this.view(root, s.offset, s.size);
  }

  /**
   * Run `code` over `buffers` with the u32 words `meta` (sizes, offsets, f32 bit patterns):
   * `threads` threads of the one-dimensional shaders, or the explicit workgroup grid `grid`;
   * `writes` lists the positions in `bound` the kernel writes (default: the last).
   */
  run(
    code: string,
    bound: readonly GpuStorage[],
    meta: Meta,
    threads: number,
    grid?: readonly [number, number],
    writes: readonly number[] = [bound.length - 1],
  ): void {
    if (threads === 0 && grid === undefined) return;
    for (const b of bound)
      if ((b.root ?? b).freed) throw new WebGpuError('webgpu', 'a live tensor', 'one whose buffer tidy() already returned to the pool');
    const buffers = this.unaliased(bound, writes);
    const words = meta.words();
    const metaBuffer = this.device.createBuffer({ size: Math.max(16, words.byteLength), usage: 0x80 | 0x8 });
    this.device.queue.writeBuffer(metaBuffer, 0, words.buffer, words.byteOffset, words.byteLength);
    const pipeline = this.pipeline(code);
    const bind = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: metaBuffer } },
        ...buffers.map((b, i) => ({ binding: i + 1, resource: { buffer: b.block.buffer } })),
      ],
    });
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    if (grid !== undefined) {
      pass.dispatchWorkgroups(grid[0], grid[1]);
    } else {
      const groups = Math.ceil(threads / WORKGROUP);
      // NOTE: at most 65,535 workgroups per dimension; larger launches fold into y (tid() in WGSL).
      const x = Math.min(groups, 65535);
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
    }
    pass.end();
    this.device.queue.submit([enc.finish()]);
    metaBuffer.destroy();
    // The queue runs in order: a buffer reused from here on is written only after this dispatch.
    for (const b of buffers) if (this.temporaries.has(b.root ?? b)) this.free(b);
  }
}

/** u32 words for a shader's `meta` array; `f` stores a float32's bit pattern. */
export class Meta {
  private readonly values: number[] = [];
  private readonly floats = new Set<number>();
  /** Append whole numbers (sizes, offsets, flags). */
  u(...xs: readonly number[]): this {
    for (const x of xs) this.values.push(x);
    return this;
  }
  /** Append float32 values. */
  f(...xs: readonly number[]): this {
    for (const x of xs) {
      this.floats.add(this.values.length);
      this.values.push(x);
    }
    return this;
  }
  /** The words: whole numbers as u32, floats as their float32 bits. */
  words(): Uint32Array {
    const out = new Uint32Array(Math.max(4, this.values.length));
    const f = new Float32Array(out.buffer);
    this.values.forEach((v, i) => {
      if (this.floats.has(i)) f[i] = v;
      else out[i] = v >>> 0;
    });
    return out;
  }
}
