/**
 * The WebGPU backend of `@evoprop/tensor` (subpath `@evoprop/tensor/webgpu`): WGSL kernels for
 * every op, tensors resident on the device, explicit `await tensor.read()`.
 *
 * @module @evoprop/tensor/webgpu
 */
export { createWebGpuBackend, requestWebGpuBackend, type WebGpuBackend, type WebGpuRequest } from './webgpu-backend.js';
export { WebGpuError, GpuStorage, type WebGpuMemory } from './device.js';
