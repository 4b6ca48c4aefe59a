import { jsBinary, jsUnary, jsUnaryBackward } from './js-elementwise.js';
import { jsGemm } from './js-gemm.js';
import { jsReduce, jsSoftmax, jsSoftmaxBackward } from './js-reduce.js';
import { jsAvgPool2d, jsAvgPool2dBackward, jsCol2im, jsIm2col, jsMaxPool2d } from './js-window.js';
import type { Kernels } from './kernels.js';
import { createWasmKernels, wasmSimdSupported } from './wasm/wasm-kernels.js';

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

export type KernelSetName = 'js' | 'wasm';

/** Thrown when a kernel set is requested that this runtime cannot run. */
export class KernelError extends Error {
  override name = 'KernelError';
}

type Env = { process?: { env?: Record<string, string | undefined>; getBuiltinModule?: (id: string) => unknown } };

function cores(): number {
  const os = (globalThis as Env).process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const n = os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(8, n));
}

/**
 * Choose the kernel set: 'wasm' (WebAssembly SIMD, multi-threaded over row blocks where
 * worker threads exist) or 'js' (plain TypeScript). Results of the two agree to float32
 * rounding; the thread count never changes results. Returns the set now active.
 * @example setKernels('js'); // e.g. to compare speeds
 */
export function setKernels(name: KernelSetName, options: Readonly<{ threads?: number }> = {}): Kernels {
  if (name === 'js') {
    active = jsKernels;
    return active;
  }
  if (name !== 'wasm') throw new KernelError(`setKernels: expected 'js' or 'wasm', got '${String(name)}'`);
  if (!wasmSimdSupported()) throw new KernelError("setKernels: 'wasm' needs WebAssembly SIMD, which this runtime lacks; use 'js'");
  const threads = options.threads ?? cores();
  if (!Number.isInteger(threads) || threads < 1) throw new KernelError(`setKernels: expected threads to be a positive integer, got ${threads}`);
  active = createWasmKernels(jsKernels, threads);
  return active;
}

// Default: WebAssembly SIMD where the runtime supports it, else plain JS. EVOPROP_KERNELS
// (js | wasm) and EVOPROP_THREADS override it, chiefly for benchmarks and tests.
function defaultKernels(): Kernels {
  const env = (globalThis as Env).process?.env ?? {};
  const threads = env.EVOPROP_THREADS === undefined ? undefined : Number(env.EVOPROP_THREADS);
  if (env.EVOPROP_KERNELS === 'js') return jsKernels;
  if (env.EVOPROP_KERNELS === 'wasm' || wasmSimdSupported()) return setKernels('wasm', threads === undefined ? {} : { threads });
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
