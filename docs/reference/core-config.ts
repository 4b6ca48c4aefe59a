/**
 * The one config parser of every trainer, strategy, task and the arena, with did-you-mean suggestions, and the search spaces tuning samples (`@evoprop/core/config`).
 *
 * @module @evoprop/core/config
 */
export * from '@evoprop/core/config';
