/**
 * Web Worker executors (`@evoprop/core/executor-web`): the browser implementation of the
 * {@link Executor} contract exported by `@evoprop/core`, and the worker side that serves it.
 * Nothing here imports `node:`; it also runs wherever a `Worker`-like object exists.
 *
 * @module @evoprop/core/executor-web
 */
export { webWorkerExecutor, type WebWorkerExecutorOptions, type WebWorkerLike } from './web-executor.js';
export { serveWebWorker, type WorkerScopeLike } from './serve.js';
