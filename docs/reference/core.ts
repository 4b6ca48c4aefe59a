/**
 * Shared Model / Trainer / Task contract, layers, losses, metrics, budgets and model files.
 *
 * @module @evoprop/core
 */
export * from '@evoprop/core';
