/**
 * Entry point of a thread executor's worker: loads the handler factory named in `workerData`
 * once, then runs one job at a time, posting `started`, `progress` and `done`/`failed`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobHandler } from '../job.js';
import { type FromThread, type ThreadWorkerData, type ToThread, serializeError } from '../messages.js';

const port = parentPort;
if (port === null) throw new Error('thread executor worker: expected to run inside a worker thread (parentPort is null)');
const data = workerData as ThreadWorkerData;
const post = (m: FromThread) => port.postMessage(m);

type AnyHandler = JobHandler<unknown, unknown, unknown>;
let handler: Promise<AnyHandler> | null = null;

async function loadHandler(): Promise<AnyHandler> {
  const mod = (await import(data.module)) as Record<string, unknown>;
  const factory = mod[data.export];
  if (typeof factory !== 'function') {
    throw new TypeError(
      `thread executor: expected export '${data.export}' of ${data.module} to be a handler factory function, got ${typeof factory}`,
    );
  }
  const made = (await (factory as (init: unknown) => unknown)(data.init)) as unknown;
  if (typeof made !== 'function')
    throw new TypeError(`thread executor: expected ${data.module}'s '${data.export}' to return a handler function, got ${typeof made}`);
  return made as AnyHandler;
}

// Loaded on first use; a failed load is retried by the next job (the failure may be transient).
const getHandler = (): Promise<AnyHandler> => {
  handler ??= loadHandler().catch((e: unknown) => {
    handler = null;
    throw e;
  });
  return handler;
};

const running = new Map<string, AbortController>();

async function run(msg: Extract<ToThread, { type: 'run' }>): Promise<void> {
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
}

port.on('message', (msg: ToThread) => {
  if (msg.type === 'abort') running.get(msg.id)?.abort(new Error(msg.reason));
  else if (msg.type === 'run') void run(msg);
});
