import type { HandlerFactory, JobHandler } from '../job.js';
import { type FromThread, type ToThread, serializeError } from '../messages.js';

/** The part of a worker's global scope {@link serveWebWorker} uses (`self` in a Web Worker). */
export type WorkerScopeLike = {
  /** Sends a structured-cloneable message to the page that started the worker. */
  postMessage(message: unknown): void;
  /** Listens to the page's messages. */
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
};

type AnyHandler = JobHandler<unknown, unknown, unknown>;

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
  const post = (m: FromThread) => scope.postMessage(m);
  let init: { value: unknown } | null = null;
  let handler: Promise<AnyHandler> | null = null;
  // Loaded on first use; a failed load is retried by the next job (the failure may be transient).
  const getHandler = (): Promise<AnyHandler> => {
    if (init === null) return Promise.reject(new Error('web worker executor: expected an init message before the first job, got none'));
    const data = init.value as I;
    handler ??= Promise.resolve()
      .then(() => factory(data))
      .then((made) => {
        if (typeof made !== 'function')
          throw new TypeError(`web worker executor: expected the factory to return a handler function, got ${typeof made}`);
        return made as unknown as AnyHandler;
      })
      .catch((e: unknown) => {
        handler = null;
        throw e;
      });
    return handler;
  };
  const running = new Map<string, AbortController>();
  const run = async (msg: Extract<ToThread, { type: 'run' }>): Promise<void> => {
    const controller = new AbortController();
    running.set(msg.id, controller);
    try {
      const fn = await getHandler();
      post({ type: 'started', id: msg.id });
      const result = await fn(msg.payload, {
        id: msg.id,
        attempt: msg.attempt,
        signal: controller.signal,
        progress: (message) => post({ type: 'progress', id: msg.id, message }),
      });
      post({ type: 'done', id: msg.id, result });
    } catch (e) {
      post({ type: 'failed', id: msg.id, error: serializeError(e) });
    } finally {
      running.delete(msg.id);
    }
  };
  scope.addEventListener('message', (event) => {
    const msg = event.data as ToThread;
    if (msg.type === 'init') init = { value: msg.init };
    else if (msg.type === 'abort') running.get(msg.id)?.abort(new Error(msg.reason));
    else void run(msg);
  });
}
