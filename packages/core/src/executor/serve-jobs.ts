/**
 * The worker side that worker threads and Web Workers share: the handler loaded once on first use
 * (a failed load is retried by the next job: the failure may be transient), then one job at a
 * time, posting `started`, `progress` and `done`/`failed`, and aborts forwarded to the running job.
 * No `node:` imports.
 */
import type { JobHandler } from './job.js';
import { type FromThread, type ToThread, serializeError } from './messages.js';

/** A handler of any job type, as a worker holds it. */
export type AnyHandler = JobHandler<unknown, unknown, unknown>;

/**
 * Answers the coordinator's `run` and `abort` messages with `post`, running each job with the
 * handler that `load` makes (called on the first job, and again after a failed load).
 */
export function serveJobs(
  post: (m: FromThread) => void,
  load: () => Promise<AnyHandler>,
): (msg: Exclude<ToThread, { type: 'init' }>) => void {
  let handler: Promise<AnyHandler> | null = null;
  const getHandler = (): Promise<AnyHandler> => {
    handler ??= load().catch((e: unknown) => {
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
  return (msg) => {
    if (msg.type === 'abort') running.get(msg.id)?.abort(new Error(msg.reason));
    else void run(msg);
  };
}
