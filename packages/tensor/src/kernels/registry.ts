import type { Backend } from '../backend/backend.js';
import { cpuBackend } from '../backend/cpu-backend.js';
import { jsBinary, jsUnary, jsUnaryBackward } from './js-elementwise.js';
import { jsGemm } from './js-gemm.js';
import {
  jsBinaryCrossEntropy,
  jsBinaryCrossEntropyBackward,
  jsLogsumexp,
  jsLogsumexpBackward,
  jsSoftmaxCrossEntropy,
  jsSoftmaxCrossEntropyBackward,
} from './js-losses.js';
import {
  jsAccumulate,
  jsAdam,
  jsBiasGrad,
  jsBinaryBackward,
  jsClamp,
  jsCompare,
  jsGatherRows,
  jsGatherRowsBackward,
  jsMap,
  jsMapBackward,
  jsMovingAverage,
  jsScatterAdd,
  jsStrided,
  jsWhere,
} from './js-misc.js';
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
  accumulate: jsAccumulate,
  strided: jsStrided,
  compare: jsCompare,
  where: jsWhere,
  clamp: jsClamp,
  binaryBackward: jsBinaryBackward,
  scatterAdd: jsScatterAdd,
  gatherRows: jsGatherRows,
  gatherRowsBackward: jsGatherRowsBackward,
  map: jsMap,
  mapBackward: jsMapBackward,
  logsumexp: jsLogsumexp,
  logsumexpBackward: jsLogsumexpBackward,
  softmaxCrossEntropy: jsSoftmaxCrossEntropy,
  softmaxCrossEntropyBackward: jsSoftmaxCrossEntropyBackward,
  binaryCrossEntropy: jsBinaryCrossEntropy,
  binaryCrossEntropyBackward: jsBinaryCrossEntropyBackward,
  movingAverage: jsMovingAverage,
  biasGrad: jsBiasGrad,
  adam: jsAdam,
};

/** The plain TypeScript backend: host Float32Arrays and {@link jsKernels}. */
export const jsBackend: Backend = cpuBackend(jsKernels);

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
 * A CPU backend by name: 'wasm' (WebAssembly SIMD, multi-threaded over row blocks where
 * worker threads exist) or 'js' (plain TypeScript). Both keep tensors in host memory, agree to
 * float32 rounding, and the thread count never changes results. The result is a value: give it
 * to a model or trainer with `withBackend`, or make it the default with `setBackend`.
 * @example const wasm = createBackend('wasm', { threads: 1 }); withBackend(wasm, () => model.forward(x));
 */
export function createBackend(name: KernelSetName, options: KernelOptions = {}): Backend {
  if (name === 'js') return jsBackend;
  if (name !== 'wasm') throw new KernelError(`createBackend: expected 'js' or 'wasm', got '${String(name)}'`);
  if (!wasmSimdSupported()) throw new KernelError("createBackend: 'wasm' needs WebAssembly SIMD, which this runtime lacks; use 'js'");
  const threads = options.threads ?? cores();
  if (!Number.isInteger(threads) || threads < 1)
    throw new KernelError(`createBackend: expected threads to be a positive integer, got ${threads}`);
  const relaxed = wasmRelaxedSimdSupported();
  const fma = options.fma ?? relaxed;
  if (fma && !relaxed)
    throw new KernelError(
      'createBackend: fma needs WebAssembly relaxed SIMD, which this runtime lacks; expected fma false or unset, got true',
    );
  return cpuBackend(createWasmKernels(jsKernels, threads, fma));
}

/**
 * Choose the default kernel set: 'wasm' (WebAssembly SIMD, multi-threaded over row blocks where
 * worker threads exist) or 'js' (plain TypeScript). Results of the two agree to float32
 * rounding; the thread count never changes results. Returns the set now active. The same as
 * `setBackend(createBackend(name, options))`.
 * @example setKernels('js'); // e.g. to compare speeds
 */
export function setKernels(name: KernelSetName, options: KernelOptions = {}): Kernels {
  let backend: Backend;
  try {
    backend = createBackend(name, options);
  } catch (e) {
    if (e instanceof KernelError) throw new KernelError(e.message.replace(/^createBackend/, 'setKernels'));
    throw e;
  }
  defaultBackend = backend;
  return backend.cpuKernels as Kernels;
}

// Default: WebAssembly SIMD where the runtime supports it, else plain JS. EVOPROP_KERNELS
// (js | wasm), EVOPROP_THREADS and EVOPROP_FMA (0 | 1) override it, chiefly for benchmarks and tests.
function initialBackend(): Backend {
  const env = (globalThis as Env).process?.env ?? {};
  if (env.EVOPROP_KERNELS === 'js') return jsBackend;
  if (env.EVOPROP_KERNELS === 'wasm' || wasmSimdSupported()) {
    return createBackend('wasm', {
      ...(env.EVOPROP_THREADS === undefined ? {} : { threads: Number(env.EVOPROP_THREADS) }),
      ...(env.EVOPROP_FMA === undefined ? {} : { fma: env.EVOPROP_FMA === '1' }),
    });
  }
  return jsBackend;
}

let defaultBackend: Backend | null = null;
let scoped: Backend | null = null;

/** The backend ops on host tensors use now: the one `withBackend` gave, else the default (chosen on first use). */
export const currentBackend = (): Backend => scoped ?? (defaultBackend ??= initialBackend());

/** Make `backend` the default for every op outside a `withBackend` scope. Returns the previous default. */
export function setBackend(backend: Backend): Backend {
  const previous = currentDefault();
  defaultBackend = backend;
  return previous;
}

const currentDefault = (): Backend => (defaultBackend ??= initialBackend());

/**
 * Run `fn` with ops on host tensors computing on `backend` (a value, so a model or trainer
 * can be given its own), then restore the previous one. Only the synchronous run of `fn` is
 * covered (as with `noGrad`): wrap each synchronous step, not a whole `async` function.
 * @example withBackend(createBackend('js'), () => model.forward(x));
 */
export function withBackend<T>(backend: Backend, fn: () => T): T {
  const previous = scoped;
  scoped = backend;
  try {
    return fn();
  } finally {
    scoped = previous;
  }
}

/** The CPU kernel set ops currently use (that of the current backend; the plain set under a device backend). */
export const kernels = (): Kernels => currentBackend().cpuKernels ?? jsKernels;

/** Make a custom CPU kernel set the default (as `setBackend(cpuBackend(set))`). Returns the previous set. */
export function useKernels(set: Kernels): Kernels {
  const previous = kernels();
  defaultBackend = cpuBackend(set);
  return previous;
}
