/**
 * The WebGPU backend of `@evoprop/tensor`: WGSL kernels for every op, tensors resident on the
 * device, explicit `await tensor.read()`.
 *
 * @module @evoprop/tensor/webgpu
 */
export * from '@evoprop/tensor/webgpu';
