import { Worker } from 'node:worker_threads';
import { type ExecutorOptions, createExecutor } from '../create-executor.js';
import type { AttemptRunner, Executor } from '../job.js';
import type { ThreadWorkerData, ToThread } from '../messages.js';
import { slotRunner } from '../slot-runner.js';

/** Options of {@link threadExecutor}. */
export type ThreadExecutorOptions<I> = ExecutorOptions &
  Readonly<{
    /** Worker threads, an integer ≥ 1; started on demand and kept until `close()`. */
    workers: number;
    /**
     * The module each worker imports (a file URL or a package specifier). Its export `export`
     * is a `HandlerFactory` (from `@evoprop/core`): called once per thread with `init`, it returns the handler.
     * A `.ts` module is loaded through tsx (a development dependency) with the `@evoprop/source` condition.
     */
    module: string | URL;
    /** Name of the factory export. Default `'default'`. */
    export?: string;
    /** Structured-cloneable data each worker's factory receives. */
    init: I;
    /** How long an aborted job may keep running before its worker is terminated, in ms. Default 3000. */
    abortGraceMs?: number;
    /** Node flags of the worker threads (default: none, or `--conditions=@evoprop/source` when loading TypeScript). */
    execArgv?: readonly string[];
  }>;

/** Whether this module runs as TypeScript source (tsx / vitest) rather than built JavaScript. */
const fromSource = import.meta.url.endsWith('.ts');

function spawn(data: ThreadWorkerData, execArgv: readonly string[] | undefined): Worker {
  const entry = new URL(`./thread-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  const typescript = fromSource || /\.[mc]?tsx?$/.test(data.module);
  if (!typescript) return new Worker(new URL(entry), { workerData: data, ...(execArgv !== undefined ? { execArgv: [...execArgv] } : {}) });
  // NOTE: Node 20 ignores `--import tsx` in a worker's execArgv for the worker's own entry module, so
  // the thread starts with a one-line bootstrap that registers tsx's hooks and then imports the entry.
  let api: string;
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch (e) {
    throw new Error(
      `thread executor: expected the tsx package to be installed to run ${data.module} on threads, got ${(e as Error).message}`,
    );
  }
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data, execArgv: [...(execArgv ?? ['--conditions=@evoprop/source'])] });
}

/**
 * Runs jobs on `workers` Node worker threads, one job per thread at a time, in submission order.
 * A thread that dies (process.exit, an uncaught error, out of memory) fails its job with kind
 * `'lost'` (retried per `maxRetries`) and is replaced; a job past its `timeoutMs` gets its thread
 * terminated and rejects with kind `'timeout'`; an aborted job gets `abortGraceMs` to answer
 * before its thread is terminated.
 */
export function threadExecutor<P, R, M = never, I = unknown>(options: ThreadExecutorOptions<I>): Executor<P, R, M> {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`threadExecutor: expected workers to be an integer ≥ 1, got ${options.workers}`);
  }
  return createExecutor(threadRunner<P, R, M, I>(options), options);
}

function threadRunner<P, R, M, I>(options: ThreadExecutorOptions<I>): AttemptRunner<P, R, M> {
  const data: ThreadWorkerData = {
    module: typeof options.module === 'string' ? options.module : options.module.href,
    export: options.export ?? 'default',
    init: options.init,
  };
  return slotRunner<P, R, M>({
    workers: options.workers,
    graceMs: options.abortGraceMs ?? 3000,
    noun: 'worker thread',
    spawn: (events) => {
      const worker = spawn(data, options.execArgv);
      let crash: string | null = null;
      worker.on('message', events.message);
      worker.on('error', (e) => {
        crash ??= `worker thread crashed: ${e.message}`;
      });
      worker.on('exit', (code) => events.lost('lost', new Error(crash ?? `worker thread exited with code ${code}`)));
      return { post: (m: ToThread) => worker.postMessage(m), terminate: () => worker.terminate() };
    },
  });
}
