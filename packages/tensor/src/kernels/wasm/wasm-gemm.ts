import { recordFlops } from '../../cost/flop-meter.js';
import { privateGemmWasm, sharedGemmWasm } from './modules.generated.js';
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
};

const PAGE = 65536;
// Products smaller than this run on one thread: waking a worker costs ~10–50 µs.
const PARALLEL_MIN_FLOPS = 2 * 96 * 96 * 96;

const decode = (base64: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
};

/** Whether this runtime can run the WebAssembly SIMD kernels. */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(decode(privateGemmWasm));
  } catch {
    return false;
  }
}

/**
 * The WebAssembly side of the gemm kernel. Its linear memory is an internal scratch
 * area laid out as [reserved | per-thread packing scratch | A | B | C]; it only ever
 * grows, so steady-state training does no allocation here. Operands are copied in and
 * the result copied out once per call: O(n²) traffic against O(n³) work.
 */
class WasmGemm {
  private readonly exports: GemmExports;
  private readonly memory: WebAssembly.Memory;
  private readonly scratchBytes: number;
  private readonly threads: GemmThreads | null;
  private readonly scratchBase = PAGE;
  private view: Float32Array;

  constructor(threadCount: number) {
    const shared = threadCount > 1 && typeof SharedArrayBuffer === 'function';
    let threads: GemmThreads | null = null;
    if (shared) {
      const memory = new WebAssembly.Memory({ initial: 64, maximum: 32768, shared: true });
      const module = new WebAssembly.Module(decode(sharedGemmWasm));
      const instance = new WebAssembly.Instance(module, { env: { memory, abort: abortHandler } });
      this.memory = memory;
      this.exports = instance.exports as unknown as GemmExports;
      threads = startGemmThreads(module, memory, threadCount - 1);
    } else {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(decode(privateGemmWasm)), { env: { abort: abortHandler } });
      this.memory = instance.exports.memory as WebAssembly.Memory;
      this.exports = instance.exports as unknown as GemmExports;
    }
    this.threads = threads;
    this.scratchBytes = align(this.exports.gemmScratchBytes(), 64);
    this.view = new Float32Array(this.memory.buffer);
  }

  get threadCount(): number {
    return 1 + (this.threads?.count ?? 0);
  }

  private ensure(bytes: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.view.buffer !== this.memory.buffer || this.view.byteLength !== this.memory.buffer.byteLength) {
      this.view = new Float32Array(this.memory.buffer);
    }
    return this.view;
  }

  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean): void {
    recordFlops(2 * m * n * k);
    if (m === 0 || n === 0) return;
    const parallel = this.threads !== null && 2 * m * n * k >= PARALLEL_MIN_FLOPS && m >= 8;
    const slots = parallel ? this.threadCount : 1;
    const aPtr = this.scratchBase + slots * this.scratchBytes;
    const bPtr = aPtr + align(m * k * 4, 64);
    const cPtr = bPtr + align(k * n * 4, 64);
    const mem = this.ensure(cPtr + m * n * 4);
    mem.set(a.subarray(0, m * k), aPtr >> 2);
    mem.set(b.subarray(0, k * n), bPtr >> 2);
    if (accumulate) mem.set(c.subarray(0, m * n), cPtr >> 2);
    const acc = accumulate ? 1 : 0;
    const tA = transA ? 1 : 0;
    const tB = transB ? 1 : 0;
    if (parallel && this.threads !== null) {
      // Row blocks, each a multiple of the 4-row micro-tile: every element of C is computed by
      // the same instruction sequence as on one thread, so the result is bit-identical.
      const per = Math.ceil(m / slots / 4) * 4;
      const jobs = [];
      for (let t = 1; t < slots; t++) {
        const start = Math.min(m, t * per);
        const end = Math.min(m, (t + 1) * per);
        jobs.push([tA, tB, m, n, k, aPtr, bPtr, cPtr, acc, this.scratchBase + t * this.scratchBytes, start, end]);
      }
      this.threads.dispatch(jobs);
      this.exports.gemm(tA, tB, m, n, k, aPtr, bPtr, cPtr, acc, this.scratchBase, 0, Math.min(m, per));
      this.threads.wait();
    } else {
      this.exports.gemm(tA, tB, m, n, k, aPtr, bPtr, cPtr, acc, this.scratchBase, 0, m);
    }
    c.set(this.ensure(0).subarray(cPtr >> 2, (cPtr >> 2) + m * n));
  }
}

const align = (bytes: number, to: number): number => Math.ceil(bytes / to) * to;

function abortHandler(): never {
  throw new Error('evoprop wasm gemm aborted');
}

let instances = new Map<number, WasmGemm>();

/** The gemm function of a WebAssembly kernel set using `threads` threads (1 = calling thread only). */
export function wasmGemm(threads: number) {
  let impl = instances.get(threads);
  if (impl === undefined) {
    impl = new WasmGemm(threads);
    instances.set(threads, impl);
  }
  const bound = impl;
  return (transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean): void =>
    bound.gemm(transA, transB, m, n, k, a, b, c, accumulate);
}

/** For tests: forget instantiated modules (threads stay parked until exit). */
export function resetWasmGemm(): void {
  instances = new Map();
}
