import { recordFlops } from '../../cost/flop-meter.js';
import { type AdamStep, type GeometryArgs, type Kernels, type WindowGeometry, geometryArgs } from '../kernels.js';
import { privateGemmWasm, privateRelaxedGemmWasm, sharedGemmWasm, sharedRelaxedGemmWasm } from './modules.generated.js';
import { type GemmThreads, startGemmThreads } from './gemm-threads.js';

type GemmExports = {
  gemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: number,
    b: number,
    c: number,
    accumulate: number,
    scratch: number,
    rowStart: number,
    rowEnd: number,
  ): void;
  gemmScratchBytes(): number;
  relu(x: number, out: number, n: number): void;
  reluBackward(x: number, g: number, out: number, n: number): void;
  binary(kind: number, a: number, b: number, out: number, n: number, m: number): void;
  binaryBlocks(kind: number, a: number, b: number, out: number, n: number, m: number, inner: number): void;
  /** x, planes, the geometry without its channels, out, argmax. */
  maxPool2d(x: number, planes: number, ...rest: number[]): void;
  col2im(col: number, ...geometryThenDx: [...GeometryArgs, number]): void;
  im2col(x: number, ...geometryThenCol: [...GeometryArgs, number]): void;
  adam(
    g: number,
    m: number,
    v: number,
    p: number,
    out: number,
    n: number,
    b1: number,
    b2: number,
    eps: number,
    c1: number,
    c2: number,
    wd: number,
    scale: number,
  ): void;
};

/** The binary ops the WebAssembly kernels implement, by their `binary` kind code. */
export const WASM_BINARY = { add: 0, sub: 1, mul: 2 } as const;

const PAGE = 65536;
// Products smaller than this run on one thread: waking a worker costs ~10–50 µs.
const PARALLEL_MIN_FLOPS = 2 * 96 * 96 * 96;

const decode = (base64: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
};

const validates = (base64: string): boolean => {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(decode(base64));
  } catch {
    return false;
  }
};

/** Whether this runtime can run the WebAssembly SIMD kernels. */
export const wasmSimdSupported = (): boolean => validates(privateGemmWasm);

/**
 * Whether this runtime has relaxed SIMD, whose fused multiply-add the faster gemm build uses
 * (Node ≥ 22 by default; Node 20 only with --experimental-wasm-relaxed-simd).
 */
export const wasmRelaxedSimdSupported = (): boolean => validates(privateRelaxedGemmWasm);

/**
 * The WebAssembly side of the gemm kernel. Its linear memory is an internal scratch
 * area laid out as [reserved | per-thread packing scratch | A | B | C]; it only ever
 * grows, so steady-state training does no allocation here. Operands are copied in and
 * the result copied out once per call: O(n²) traffic against O(n³) work.
 */
class WasmGemm {
  readonly exports: GemmExports;
  private readonly memory: WebAssembly.Memory;
  private readonly scratchBytes: number;
  private readonly threads: GemmThreads | null;
  private readonly scratchBase = PAGE;
  private view: Float32Array;

  constructor(threadCount: number, relaxed: boolean) {
    const shared = threadCount > 1 && typeof SharedArrayBuffer === 'function';
    let threads: GemmThreads | null = null;
    if (shared) {
      const memory = new WebAssembly.Memory({ initial: 64, maximum: 32768, shared: true });
      const module = new WebAssembly.Module(decode(relaxed ? sharedRelaxedGemmWasm : sharedGemmWasm));
      const instance = new WebAssembly.Instance(module, { env: { memory, abort: abortHandler } });
      this.memory = memory;
      this.exports = instance.exports as unknown as GemmExports;
      threads = startGemmThreads(module, memory, threadCount - 1);
    } else {
      const module = new WebAssembly.Module(decode(relaxed ? privateRelaxedGemmWasm : privateGemmWasm));
      const instance = new WebAssembly.Instance(module, { env: { abort: abortHandler } });
      this.memory = instance.exports.memory as WebAssembly.Memory;
      this.exports = instance.exports as unknown as GemmExports;
    }
    this.threads = threads;
    this.scratchBytes = align(this.exports.gemmScratchBytes(), 64);
    this.view = new Float32Array(this.memory.buffer);
  }

  /** Helper-thread jobs run by a helper / taken back by the caller (null on one thread). */
  get threadStats(): GemmThreadStats | null {
    return this.threads === null ? null : { ...this.threads.stats };
  }

  get threadCount(): number {
    return 1 + (this.threads?.count ?? 0);
  }

  /** Room for `floats` operands after the scratch slots: the view and the byte offset. */
  stage(floats: number): { mem: Float32Array; base: number } {
    const base = this.scratchBase + this.threadCount * this.scratchBytes;
    return { mem: this.ensure(base + 4 * floats), base };
  }

  /** The current view of the whole memory (valid until the memory grows). */
  current(): Float32Array {
    return this.ensure(0);
  }

  private ensure(bytes: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.view.buffer !== this.memory.buffer || this.view.byteLength !== this.memory.buffer.byteLength) {
      this.view = new Float32Array(this.memory.buffer);
    }
    return this.view;
  }

  readonly gemm: Kernels['gemm'] = (transA, transB, m, n, k, a, b, c, accumulate) => {
    recordFlops(2 * m * n * k);
    if (m === 0 || n === 0) return;
    const parallel = this.threads !== null && 2 * m * n * k >= PARALLEL_MIN_FLOPS && m >= 8;
    const slots = parallel ? this.threadCount : 1;
    const aPtr = this.scratchBase + slots * this.scratchBytes;
    const bPtr = aPtr + align(m * k * 4, 64);
    const cPtr = bPtr + align(k * n * 4, 64);
    const mem = this.ensure(cPtr + m * n * 4);
    const acc = accumulate ? 1 : 0;
    const tA = transA ? 1 : 0;
    const tB = transB ? 1 : 0;
    if (!parallel || this.threads === null) {
      mem.set(a.subarray(0, m * k), aPtr >> 2);
      mem.set(b.subarray(0, k * n), bPtr >> 2);
      if (accumulate) mem.set(c.subarray(0, m * n), cPtr >> 2);
      this.exports.gemm(tA, tB, m, n, k, aPtr, bPtr, cPtr, acc, this.scratchBase, 0, m);
      c.set(mem.subarray(cPtr >> 2, (cPtr >> 2) + m * n));
      return;
    }
    // Row blocks: this thread takes rows [0, mine), the helpers split the rest. Any row split
    // computes every element of C with the same instruction sequence as one thread, so the
    // result is bit-identical. The helpers' operands are copied in first so they start early;
    // this thread then copies its own rows in and, after computing, its rows of C out, and
    // gets a little less work for those copies.
    const share = Math.max(0.5, 1 - COPY_SHARE * (1 / n + 1 / k));
    const mine = Math.min(m, Math.max(4, Math.round(((m / slots) * share) / 4) * 4));
    mem.set(b.subarray(0, k * n), bPtr >> 2);
    const aRows = !transA; // with transA the rows of op(A) are strided columns: copy all of A
    if (aRows) mem.set(a.subarray(mine * k, m * k), (aPtr >> 2) + mine * k);
    else mem.set(a.subarray(0, m * k), aPtr >> 2);
    if (accumulate) mem.set(c.subarray(mine * n, m * n), (cPtr >> 2) + mine * n);
    const per = Math.ceil((m - mine) / (slots - 1) / 4) * 4;
    const jobs = [];
    for (let t = 1; t < slots; t++) {
      const start = Math.min(m, mine + (t - 1) * per);
      const end = Math.min(m, mine + t * per);
      jobs.push([tA, tB, m, n, k, aPtr, bPtr, cPtr, acc, this.scratchBase + t * this.scratchBytes, start, end]);
    }
    this.threads.dispatch(jobs);
    if (aRows) mem.set(a.subarray(0, mine * k), aPtr >> 2);
    if (accumulate) mem.set(c.subarray(0, mine * n), cPtr >> 2);
    this.exports.gemm(tA, tB, m, n, k, aPtr, bPtr, cPtr, acc, this.scratchBase, 0, mine);
    c.set(mem.subarray(cPtr >> 2, (cPtr >> 2) + mine * n));
    const run = this.exports.gemm;
    this.threads.wait((job) => run(...(job as Parameters<GemmExports['gemm']>)));
    c.set(this.ensure(0).subarray((cPtr >> 2) + mine * n, (cPtr >> 2) + m * n), mine * n);
  };
}

// The calling thread's row share shrinks by COPY_SHARE·(1/n + 1/k): copying one row of A in
// and one of C out costs about as much as COPY_SHARE/(n·k) of that row's multiply-adds.
const COPY_SHARE = 8;

/** Elementwise kernels on the calling thread, staged through the same scratch memory. */
export class WasmElementwise {
  constructor(private readonly g: WasmGemm) {}

  relu(x: Float32Array, out: Float32Array): void {
    const n = x.length;
    const { mem, base } = this.g.stage(2 * n);
    mem.set(x, base >> 2);
    this.g.exports.relu(base, base + 4 * n, n);
    out.set(this.g.current().subarray((base >> 2) + n, (base >> 2) + 2 * n));
  }

  reluBackward(x: Float32Array, g: Float32Array, out: Float32Array): void {
    const n = x.length;
    const { mem, base } = this.g.stage(3 * n);
    mem.set(x, base >> 2);
    mem.set(g.subarray(0, n), (base >> 2) + n);
    this.g.exports.reluBackward(base, base + 4 * n, base + 8 * n, n);
    out.set(this.g.current().subarray((base >> 2) + 2 * n, (base >> 2) + 3 * n));
  }

  /** One image (at `offset` of x) unrolled into `col`, as the plain `im2col`. */
  im2col(x: Float32Array, offset: number, g: WindowGeometry, col: Float32Array): void {
    const size = g.channels * g.height * g.width;
    const { mem, base } = this.g.stage(size + col.length);
    mem.set(x.subarray(offset, offset + size), base >> 2);
    const out = base + 4 * size;
    const e = this.g.exports;
    e.im2col(base, ...geometryArgs(g), out);
    col.set(this.g.current().subarray(out >> 2, (out >> 2) + col.length));
  }

  /** Add `col` back into one image of dx (at `offset`), as the plain `col2im`. */
  col2im(col: Float32Array, g: WindowGeometry, dx: Float32Array, offset: number): void {
    const size = g.channels * g.height * g.width;
    const { mem, base } = this.g.stage(size + col.length);
    const img = base + 4 * col.length;
    mem.set(col, base >> 2);
    mem.set(dx.subarray(offset, offset + size), img >> 2);
    const e = this.g.exports;
    e.col2im(base, ...geometryArgs(g), img);
    dx.set(this.g.current().subarray(img >> 2, (img >> 2) + size), offset);
  }

  /** The fused Adam step of `Kernels.adam`: g, m, v (and p with decay) in; m, v and out back. */
  adam(g: Float32Array, m: Float32Array, v: Float32Array, p: Float32Array, out: Float32Array, s: AdamStep): void {
    const n = g.length;
    const withP = s.weightDecay !== 0;
    const { mem, base } = this.g.stage((withP ? 4 : 3) * n);
    const f = base >> 2;
    mem.set(g, f);
    mem.set(m, f + n);
    mem.set(v, f + 2 * n);
    if (withP) mem.set(p, f + 3 * n);
    const [gp, mp, vp, pp] = [base, base + 4 * n, base + 8 * n, base + 12 * n];
    this.g.exports.adam(gp, mp, vp, pp, gp, n, s.b1, s.b2, s.eps, s.c1, s.c2, s.weightDecay, s.scale);
    const now = this.g.current();
    m.set(now.subarray(f + n, f + 2 * n));
    v.set(now.subarray(f + 2 * n, f + 3 * n));
    out.set(now.subarray(f, f + n));
  }

  /** Max pooling of `images` images as the plain `maxPool2d` (geometry channels = planes per image). */
  maxPool2d(x: Float32Array, images: number, g: WindowGeometry, out: Float32Array, argmax: Int32Array): void {
    const planes = images * g.channels;
    const size = planes * g.height * g.width;
    const outSize = planes * g.outH * g.outW;
    const { base } = this.g.stage(size + 2 * outSize);
    const mem = this.g.current();
    mem.set(x.subarray(0, size), base >> 2);
    const o = base + 4 * size;
    const at = o + 4 * outSize;
    const [, ...rest] = geometryArgs(g);
    this.g.exports.maxPool2d(base, planes, ...rest, o, at);
    out.set(mem.subarray(o >> 2, (o >> 2) + outSize));
    argmax.set(new Int32Array(mem.buffer, at, outSize));
  }

  /** out (n) = a (n) ∘ b (m) with b[j] applied to runs of `inner` floats, cycling over j (a channel bias). */
  binaryBlocks(kind: number, a: Float32Array, b: Float32Array, out: Float32Array, inner: number): void {
    const n = a.length;
    const m = b.length;
    const { mem, base } = this.g.stage(2 * n + m);
    mem.set(a, base >> 2);
    mem.set(b, (base >> 2) + n);
    this.g.exports.binaryBlocks(kind, base, base + 4 * n, base + 4 * (n + m), n, m, inner);
    out.set(this.g.current().subarray((base >> 2) + n + m, (base >> 2) + 2 * n + m));
  }

  /** out (n) = a (n) ∘ b (m), with m = n, 1 or a divisor of n (b repeated over rows). */
  binary(kind: number, a: Float32Array, b: Float32Array, out: Float32Array): void {
    const n = a.length;
    const m = b.length;
    const { mem, base } = this.g.stage(2 * n + m);
    mem.set(a, base >> 2);
    mem.set(b, (base >> 2) + n);
    this.g.exports.binary(kind, base, base + 4 * n, base + 4 * (n + m), n, m);
    out.set(this.g.current().subarray((base >> 2) + n + m, (base >> 2) + 2 * n + m));
  }
}

const align = (bytes: number, to: number): number => Math.ceil(bytes / to) * to;

function abortHandler(): never {
  throw new Error('evoprop wasm gemm aborted');
}

let instances = new Map<string, WasmGemm>();

/**
 * The gemm function of a WebAssembly kernel set using `threads` threads (1 = calling thread
 * only); `relaxed` picks the fused multiply-add build (the caller checks support).
 */
export function wasmGemm(threads: number, relaxed = false) {
  const key = `${threads}:${relaxed}`;
  let impl = instances.get(key);
  if (impl === undefined) {
    impl = new WasmGemm(threads, relaxed);
    instances.set(key, impl);
  }
  const bound = impl;
  const gemm: Kernels['gemm'] = (...args) => bound.gemm(...args);
  return gemm;
}

/** The elementwise kernels of the same WebAssembly instance as `wasmGemm(threads, relaxed)`. */
export function wasmElementwise(threads: number, relaxed = false): WasmElementwise {
  wasmGemm(threads, relaxed);
  return new WasmElementwise(instances.get(`${threads}:${relaxed}`) as WasmGemm);
}

/** How the row blocks of the `wasm` gemm's parallel products were shared out, since its start. */
export type GemmThreadStats = Readonly<{
  /** Row blocks a helper thread (or helper Web Worker) ran. */
  helped: number;
  /** Row blocks the calling thread took back because no helper had started them. */
  stolen: number;
}>;

/**
 * For tests and benchmarks: how often the helper threads (Node worker threads, or Web Workers in a
 * browser) of the `wasm` kernel set on `threads` threads ran a row block (`helped`) and how often
 * the calling thread took one back (`stolen`); null if that kernel set was never made or has no
 * helpers (one thread, a page's main thread, a page that is not cross-origin isolated).
 */
export const wasmGemmThreadStats = (threads: number, relaxed = false): GemmThreadStats | null =>
  instances.get(`${threads}:${relaxed}`)?.threadStats ?? null;

/** For tests: forget instantiated modules (threads stay parked until exit). */
export function resetWasmGemm(): void {
  instances = new Map();
}
