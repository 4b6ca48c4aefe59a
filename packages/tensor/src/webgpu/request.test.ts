// requestWebGpuBackend never throws for a missing GPU: it names why, so callers fall back (to wasm) and say so.
import { describe, expect, it } from 'vitest';
import { requestWebGpuBackend } from './webgpu-backend.js';

const gpuWith = (requestAdapter: () => Promise<GPUAdapter | null>): GPU => ({ requestAdapter }) as unknown as GPU;

describe('requestWebGpuBackend', () => {
  it('answers null with a reason where the runtime has no navigator.gpu', async () => {
    const navigator = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
    if (navigator?.gpu !== undefined) return; // a runtime with WebGPU: covered by the device tests
    expect(await requestWebGpuBackend()).toEqual({ backend: null, reason: 'this runtime has no WebGPU (navigator.gpu is undefined)' });
  });

  it('answers null with a reason where no adapter exists', async () => {
    const result = await requestWebGpuBackend(gpuWith(async () => null));
    expect(result).toEqual({ backend: null, reason: 'no WebGPU adapter (requestAdapter() returned null)' });
  });

  it('answers null with the failure where requestAdapter or requestDevice throws', async () => {
    const failing = await requestWebGpuBackend(
      gpuWith(async () => {
        throw new Error('driver crashed');
      }),
    );
    expect(failing.reason).toBe('requestAdapter failed: driver crashed');
    const adapter = {
      limits: { maxStorageBuffersPerShaderStage: 8, maxStorageBufferBindingSize: 1 << 27, maxBufferSize: 1 << 28 },
      requestDevice: async () => {
        throw new Error('out of memory');
      },
    } as unknown as GPUAdapter;
    const noDevice = await requestWebGpuBackend(gpuWith(async () => adapter));
    expect(noDevice).toEqual({ backend: null, reason: 'requestDevice failed: out of memory' });
  });
});
