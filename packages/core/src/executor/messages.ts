/** Messages between an executor and its workers, threads or Web Workers (plain, structured-cloneable data). */

/** What every worker thread is started with. */
export type ThreadWorkerData = Readonly<{
  /** URL (or specifier) of the module exporting the handler factory. */
  module: string;
  /** Name of the export. */
  export: string;
  /** Passed to the factory once per thread. */
  init: unknown;
}>;

/** An error as it crosses the thread boundary. */
export type SerializedError = Readonly<{ name: string; message: string; stack?: string }>;

/** Coordinator → worker. (A Web Worker first gets an `init` message; a thread gets its init as `workerData`.) */
export type ToThread =
  | Readonly<{ type: 'init'; init: unknown }>
  | Readonly<{ type: 'run'; id: string; attempt: number; payload: unknown }>
  | Readonly<{ type: 'abort'; id: string; reason: string }>;

/** Worker → coordinator. */
export type FromThread =
  | Readonly<{ type: 'started'; id: string }>
  | Readonly<{ type: 'progress'; id: string; message: unknown }>
  | Readonly<{ type: 'done'; id: string; result: unknown }>
  | Readonly<{ type: 'failed'; id: string; error: SerializedError }>;

/** `error` as plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error)
    return { name: error.name, message: error.message, ...(error.stack !== undefined ? { stack: error.stack } : {}) };
  return { name: 'Error', message: String(error) };
}

/** An `Error` with the name, message and stack of `e`. */
export function deserializeError(e: SerializedError): Error {
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}
