/**
 * Memetic, population-based and NEAT+backprop hybrid trainers.
 *
 * @module @evoprop/hybrid
 */
export * from '@evoprop/hybrid';
