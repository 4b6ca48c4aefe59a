/**
 * The backend a race worker computes on, from the race's `kernels` setting. `webgpu` asks for a
 * GPU (`@evoprop/tensor/webgpu`); the race then still runs on wasm, with a note saying why: no
 * adapter answered, or one did but the trainers keep their parameters and gradients in host
 * memory and read losses synchronously, which a GPU backend cannot serve yet.
 */
import { type Backend, KernelError, createBackend } from '@evoprop/tensor';
import { requestWebGpuBackend } from '@evoprop/tensor/webgpu';
import type { KernelSetId } from './config.js';

/** What a worker computes on, the kernel set's name, and a note for the page when it is not what was asked for. */
export type RaceBackend = Readonly<{ backend: Backend; used: string; note: string | null }>;

/** The fallback: wasm where the runtime has WebAssembly SIMD, else the plain kernels. */
function cpu(): Backend {
  try {
    return createBackend('wasm');
  } catch (e) {
    if (e instanceof KernelError) return createBackend('js');
    throw e;
  }
}

/** The backend for `kernels` (see the module comment for `webgpu`). */
export async function raceBackend(kernels: KernelSetId): Promise<RaceBackend> {
  if (kernels === 'js') return { backend: createBackend('js'), used: 'js', note: null };
  const fallback = cpu();
  const asked = kernels === 'wasm' ? null : kernels;
  if (asked === null)
    return {
      backend: fallback,
      used: fallback.name,
      note: fallback.name.startsWith('wasm') ? null : 'no WebAssembly SIMD here: ran on js',
    };
  const { backend, reason } = await requestWebGpuBackend();
  if (backend === null) return { backend: fallback, used: fallback.name, note: `WebGPU unavailable (${reason}): ran on ${fallback.name}` };
  const adapter = backend.device.adapterInfo;
  backend.device.destroy();
  return {
    backend: fallback,
    used: fallback.name,
    note: `WebGPU adapter found (${`${adapter.vendor} ${adapter.architecture}`.trim()}), but the trainers keep parameters and gradients in host memory and cannot train on it yet: ran on ${fallback.name}`,
  };
}
