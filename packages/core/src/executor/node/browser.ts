/**
 * What `@evoprop/core/executor-node` resolves to in a browser bundle (the `browser` export
 * condition): the same names, but a browser has no worker threads, so {@link threadExecutor}
 * throws and points at the Web Worker executor. Keeps `node:worker_threads` out of browser bundles.
 *
 * @module @evoprop/core/executor-node
 */
import type { Executor } from '../job.js';
import type { ThreadExecutorOptions } from './thread-executor.js';

export type { ThreadExecutorOptions } from './thread-executor.js';

/** Unavailable in a browser: throws, naming `webWorkerExecutor` from `@evoprop/core/executor-web`. */
export function threadExecutor<P, R, M = never, I = unknown>(_options: ThreadExecutorOptions<I>): Executor<P, R, M> {
  throw new Error(
    "threadExecutor: expected Node worker threads, got a browser; use webWorkerExecutor from '@evoprop/core/executor-web' (or workers: 0)",
  );
}
