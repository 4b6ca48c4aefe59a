import type { HandlerFactory } from '../job.js';
import type { ToThread } from '../messages.js';
import { type AnyHandler, serveJobs } from '../serve-jobs.js';

/** The part of a worker's global scope {@link serveWebWorker} uses (`self` in a Web Worker). */
export type WorkerScopeLike = {
  /** Sends a structured-cloneable message to the page that started the worker. */
  postMessage(message: unknown): void;
  /** Listens to the page's messages. */
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
};

/**
 * The worker side of {@link webWorkerExecutor}: call it once at the top of the worker's module with
 * the handler factory. The factory gets the executor's `init` (from the first message) once, on the
 * first job; then jobs run one at a time, posting `started`, `progress` and `done`/`failed`, exactly
 * as a thread executor's worker does.
 *
 * @example
 * // fit-worker.ts, started by webWorkerExecutor({ create: () => new Worker(new URL('./fit-worker.js', import.meta.url), { type: 'module' }), ... })
 * serveWebWorker((init) => async (payload) => runOneFit(init, payload));
 */
export function serveWebWorker<I, P, R, M = never>(
  factory: HandlerFactory<I, P, R, M>,
  scope: WorkerScopeLike = globalThis as unknown as WorkerScopeLike,
): void {
  let init: { value: unknown } | null = null;
  const serve = serveJobs(
    (m) => scope.postMessage(m),
    async () => {
      if (init === null) throw new Error('web worker executor: expected an init message before the first job, got none');
      const made = await factory(init.value as I);
      if (typeof made !== 'function')
        throw new TypeError(`web worker executor: expected the factory to return a handler function, got ${typeof made}`);
      return made as unknown as AnyHandler;
    },
  );
  scope.addEventListener('message', (event) => {
    const msg = event.data as ToThread;
    if (msg.type === 'init') init = { value: msg.init };
    else serve(msg);
  });
}
