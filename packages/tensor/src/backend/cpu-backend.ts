import type { Kernels } from '../kernels/kernels.js';
import type { Backend, BackendKernels } from './backend.js';
import type { Storage } from './storage.js';

// NOTE: a CPU backend's storages are host Float32Arrays: ops hand a host backend only host
// storages (`backendFor` sends device tensors to their own backend), so the casts hold.
const h = (s: Storage): Float32Array => s as Float32Array;

/**
 * A backend over host memory running a CPU kernel set: `cpuBackend(jsKernels)` is the `js`
 * backend, the `wasm` backend is this over the WebAssembly kernels. Every CPU backend shares
 * host storage, so tensors move between them for free.
 * @example withBackend(cpuBackend({ ...jsKernels, gemm: myGemm }), () => matmul(a, b));
 */
export function cpuBackend(kernels: Kernels): Backend {
  const { name, ...ops } = kernels;
  return {
    // The kernels take Float32Arrays where the interface says Storage (see the NOTE above).
    ...(ops as unknown as BackendKernels),
    name,
    host: true,
    cpuKernels: kernels,
    alloc: (size) => new Float32Array(size),
    upload: (data) => data,
    view: (s, offset, size) => h(s).subarray(offset, offset + size),
    copy: (s) => Float32Array.from(h(s)),
    fill: (s, value) => {
      h(s).fill(value);
    },
    read: (s) => Promise.resolve(Float32Array.from(h(s))),
    readSync: (s) => Float32Array.from(h(s)),
  };
}
