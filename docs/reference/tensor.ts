/**
 * Tensors, ops, reverse-mode autograd, kernels and a seeded RNG.
 *
 * @module @evoprop/tensor
 */
export * from '@evoprop/tensor';
