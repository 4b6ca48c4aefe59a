import { afterAll, beforeAll } from 'vitest';
import type { Backend } from '../backend/backend.js';
import { createBackend, jsBackend, setBackend } from '../kernels/registry.js';
import { wasmSimdSupported } from '../kernels/wasm/wasm-kernels.js';
import { simulatedDevice } from './simulated-device.js';

/**
 * Every backend the op and gradient suites run against: the plain `js` backend, `wasm` on one
 * and on two threads (where the runtime has SIMD), and a simulated device whose storages have no
 * host `.data`, so an op that bypasses its kernels fails there (also without fused unary
 * derivatives, so the composed ones are checked).
 */
export const testBackends = (): [string, Backend][] => [
  ['js', jsBackend],
  ...(wasmSimdSupported()
    ? ([
        ['wasm', createBackend('wasm', { threads: 1, fma: false })],
        ['wasm x2', createBackend('wasm', { threads: 2, fma: false })],
      ] as [string, Backend][])
    : []),
  ['simulated device', simulatedDevice()],
  ['simulated device with forward kernels only', simulatedDevice({ forwardOnly: true })],
];

/** Make `backend` the default for the tests of the enclosing `describe`, restoring the previous one after. */
export function onBackend(backend: Backend): void {
  let previous: Backend | null = null;
  beforeAll(() => {
    previous = setBackend(backend);
  });
  afterAll(() => {
    if (previous !== null) setBackend(previous);
  });
}
