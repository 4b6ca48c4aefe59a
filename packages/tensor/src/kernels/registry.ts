import { jsBinary, jsUnary, jsUnaryBackward } from './js-elementwise.js';
import { jsGemm } from './js-gemm.js';
import { jsReduce, jsSoftmax, jsSoftmaxBackward } from './js-reduce.js';
import { jsAvgPool2d, jsAvgPool2dBackward, jsCol2im, jsIm2col, jsMaxPool2d } from './js-window.js';
import type { Kernels } from './kernels.js';
import { createWasmKernels, wasmRelaxedSimdSupported, wasmSimdSupported } from './wasm/wasm-kernels.js';

/** The plain TypeScript kernel set; always available. */
export const jsKernels: Kernels = {
  name: 'js',
  gemm: jsGemm,
  unary: jsUnary,
  unaryBackward: jsUnaryBackward,
  binary: jsBinary,
  reduce: jsReduce,
  softmax: jsSoftmax,
  softmaxBackward: jsSoftmaxBackward,
  im2col: jsIm2col,
  col2im: jsCol2im,
  maxPool2d: jsMaxPool2d,
  avgPool2d: jsAvgPool2d,
  avgPool2dBackward: jsAvgPool2dBackward,
};

/** The built-in kernel sets: `'js'` (plain TypeScript) or `'wasm'` (WebAssembly SIMD). */
export type KernelSetName = 'js' | 'wasm';

/** Options of {@link setKernels} for the `'wasm'` set; the `'js'` set ignores them. */
export interface KernelOptions {
  /**
   * Threads a large product is split over, the calling thread included (integer ≥ 1).
   * Default: the hardware threads, at most 8. The thread count never changes results.
   */
  readonly threads?: number;
  /**
   * Use the relaxed-SIMD build of gemm, whose fused multiply-add rounds once per
   * multiply-add (results agree with the plain build to float32 rounding, not bit for bit).
   * Default: true where the runtime supports relaxed SIMD (Node ≥ 22; Node 20 only with
   * `--experimental-wasm-relaxed-simd`). Requesting it where unsupported throws.
   */
  readonly fma?: boolean;
}

/** Thrown when a kernel set is requested that this runtime cannot run. */
export class KernelError extends Error {
  /** Always `'KernelError'`. */
  override name = 'KernelError';
}

type Env = { process?: { env?: Record<string, string | undefined>; getBuiltinModule?: (id: string) => unknown } };

function cores(): number {
  const os = (globalThis as Env).process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const n =
    os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(8, n));
}

/**
 * Choose the kernel set: 'wasm' (WebAssembly SIMD, multi-threaded over row blocks where
 * worker threads exist) or 'js' (plain TypeScript). Results of the two agree to float32
 * rounding; the thread count never changes results. Returns the set now active.
 * @example setKernels('js'); // e.g. to compare speeds
 */
export function setKernels(name: KernelSetName, options: KernelOptions = {}): Kernels {
  if (name === 'js') {
    active = jsKernels;
    return active;
  }
  if (name !== 'wasm') throw new KernelError(`setKernels: expected 'js' or 'wasm', got '${String(name)}'`);
  if (!wasmSimdSupported()) throw new KernelError("setKernels: 'wasm' needs WebAssembly SIMD, which this runtime lacks; use 'js'");
  const threads = options.threads ?? cores();
  if (!Number.isInteger(threads) || threads < 1)
    throw new KernelError(`setKernels: expected threads to be a positive integer, got ${threads}`);
  const relaxed = wasmRelaxedSimdSupported();
  const fma = options.fma ?? relaxed;
  if (fma && !relaxed)
    throw new KernelError(
      'setKernels: fma needs WebAssembly relaxed SIMD, which this runtime lacks; expected fma false or unset, got true',
    );
  active = createWasmKernels(jsKernels, threads, fma);
  return active;
}

// Default: WebAssembly SIMD where the runtime supports it, else plain JS. EVOPROP_KERNELS
// (js | wasm), EVOPROP_THREADS and EVOPROP_FMA (0 | 1) override it, chiefly for benchmarks and tests.
function defaultKernels(): Kernels {
  const env = (globalThis as Env).process?.env ?? {};
  if (env.EVOPROP_KERNELS === 'js') return jsKernels;
  if (env.EVOPROP_KERNELS === 'wasm' || wasmSimdSupported()) {
    return setKernels('wasm', {
      ...(env.EVOPROP_THREADS === undefined ? {} : { threads: Number(env.EVOPROP_THREADS) }),
      ...(env.EVOPROP_FMA === undefined ? {} : { fma: env.EVOPROP_FMA === '1' }),
    });
  }
  return jsKernels;
}

let active: Kernels | null = null;

/** The kernel set ops currently use (chosen on first use). */
export const kernels = (): Kernels => (active ??= defaultKernels());

/** Replace the active kernel set with a custom one. Returns the previous set. */
export function useKernels(set: Kernels): Kernels {
  const previous = kernels();
  active = set;
  return previous;
}
