/**
 * Entry point of a thread executor's worker: loads the handler factory named in `workerData`
 * once, then runs one job at a time, posting `started`, `progress` and `done`/`failed`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ToThread, ThreadWorkerData } from '../messages.js';
import { type AnyHandler, serveJobs } from '../serve-jobs.js';

const port = parentPort;
if (port === null) throw new Error('thread executor worker: expected to run inside a worker thread (parentPort is null)');
const data = workerData as ThreadWorkerData;

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

const serve = serveJobs((m) => port.postMessage(m), loadHandler);
port.on('message', (msg: ToThread) => {
  if (msg.type !== 'init') serve(msg);
});
