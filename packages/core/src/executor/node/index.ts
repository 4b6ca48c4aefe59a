/**
 * Node-only executors (`@evoprop/core/executor-node`): the worker-thread implementation of the
 * {@link Executor} contract exported by `@evoprop/core`.
 *
 * @module @evoprop/core/executor-node
 */
export { threadExecutor, type ThreadExecutorOptions } from './thread-executor.js';
