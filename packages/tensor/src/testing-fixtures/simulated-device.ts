import type { Backend, BackendKernels } from '../backend/backend.js';
import type { DeviceStorage, Storage } from '../backend/storage.js';
import { jsKernels } from '../kernels/registry.js';

/** Device storage of the simulated device: an array no op can reach, since it is not a Float32Array. */
class SimulatedStorage implements DeviceStorage {
  constructor(
    readonly backend: Backend,
    readonly array: Float32Array,
  ) {}
  get size(): number {
    return this.array.length;
  }
}

/**
 * A device backend for tests: the plain kernels behind storages that are not host arrays, so
 * `tensor.data` throws on every result. An op that reaches for `.data` instead of its backend's
 * kernels fails under it, which is how the op and gradient suites prove that a device backend
 * (WebGPU) can run every op. Host arrays handed to its kernels are accepted, as a real device
 * backend uploads them.
 */
export function simulatedDevice(options: Readonly<{ forwardOnly?: boolean }> = {}): Backend {
  const unwrap = (s: unknown): unknown => (s instanceof SimulatedStorage ? s.array : s);
  const arr = (s: Storage): Float32Array => unwrap(s) as Float32Array;
  // forwardOnly: no fused unary derivatives, as a new backend might start.
  const { name: _name, unaryBackward, ...rest } = jsKernels;
  const ops = options.forwardOnly === true ? rest : { ...rest, unaryBackward };
  const kernels = Object.fromEntries(
    Object.entries(ops).map(([key, kernel]) => [
      key,
      (...args: unknown[]) => (kernel as (...a: unknown[]) => unknown)(...args.map(unwrap)),
    ]),
  ) as unknown as BackendKernels;
  const backend: Backend = {
    ...kernels,
    name: options.forwardOnly === true ? 'simulated-device-forward-only' : 'simulated-device',
    host: false,
    cpuKernels: null,
    alloc: (size) => new SimulatedStorage(backend, new Float32Array(size)),
    upload: (data) => new SimulatedStorage(backend, Float32Array.from(data)),
    view: (s, offset, size) => new SimulatedStorage(backend, arr(s).subarray(offset, offset + size)),
    copy: (s) => new SimulatedStorage(backend, Float32Array.from(arr(s))),
    fill: (s, value) => {
      arr(s).fill(value);
    },
    read: (s) => Promise.resolve(Float32Array.from(arr(s))),
    readSync: (s) => Float32Array.from(arr(s)),
  };
  return backend;
}
