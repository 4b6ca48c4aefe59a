import { jsGemm } from './js-gemm.js';
import type { Kernels } from './kernels.js';

/** The plain TypeScript kernel set; always available. */
export const jsKernels: Kernels = { name: 'js', gemm: jsGemm };

let active: Kernels = jsKernels;

/** The kernel set ops currently use. */
export const kernels = (): Kernels => active;

/** Replace the active kernel set (for example with a WebAssembly one). Returns the previous set. */
export function useKernels(set: Kernels): Kernels {
  const previous = active;
  active = set;
  return previous;
}
