/**
 * The shared training loop every built-in trainer runs on, what remains of each cap, the held-out judge and the checkpoint state codec (`@evoprop/core/training`).
 *
 * @module @evoprop/core/training
 */
export * from '@evoprop/core/training';
