/**
 * Explicit registries of trainers and tasks, how the arena, worker threads and plugins find them (`@evoprop/core/registry`).
 *
 * @module @evoprop/core/registry
 */
export * from '@evoprop/core/registry';
