/**
 * The worker-thread executor (`@evoprop/core/executor-node`; Node only, imports `node:worker_threads`).
 *
 * @module @evoprop/core/executor-node
 */
export * from '@evoprop/core/executor-node';
