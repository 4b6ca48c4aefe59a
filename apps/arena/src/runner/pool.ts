import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunSpec } from '../experiment/experiment.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { type RunProgress, executeRun } from './execute-run.js';
import type { FromWorker, ToWorker, WorkerInit } from './messages.js';
import { type RunRecord, failedRecord } from './record.js';

export type PoolOptions = Readonly<{
  /** Worker threads; 0 runs everything on the main thread. Default: one per core. */
  workers?: number;
  plugins?: readonly string[];
  builtIns?: boolean;
  /** Save trained models there (see `modelFileName`). */
  modelDir?: string;
  signal?: AbortSignal;
  onStart?: (spec: RunSpec) => void;
  onProgress?: (p: RunProgress) => void;
  onRecord?: (record: RunRecord) => void;
  /** How long aborted runs get to stop before their worker is terminated. */
  abortGraceMs?: number;
}>;

export type PoolOutcome = Readonly<{ records: readonly RunRecord[]; interrupted: boolean }>;

/** Whether this module runs as TypeScript source (tsx / vitest) rather than built JavaScript. */
const fromSource = import.meta.url.endsWith('.ts');

function spawnWorker(init: WorkerInit): Worker {
  if (!fromSource) return new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
  // From source the worker needs our loader too. Node 20 ignores `--import tsx` in a worker's execArgv
  // for the worker's own entry module, so the thread starts with a one-line bootstrap that loads
  // worker.ts through tsx's API; `--conditions` makes @evoprop/* resolve to their src/ as here.
  const entry = new URL('./worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { eval: true, workerData: init, execArgv: ['--conditions=@evoprop/source'] });
}

/**
 * Run `runs` in parallel on worker threads. A run that throws, diverges or kills its worker becomes
 * a failed record; the others go on. Aborting `signal` stops every active run (their records are
 * not produced, so `--resume` reruns them) and resolves with what finished.
 */
export async function runPool(runs: readonly RunSpec[], options: PoolOptions = {}): Promise<PoolOutcome> {
  const init: WorkerInit = {
    plugins: options.plugins ?? [],
    builtIns: options.builtIns ?? true,
    ...(options.modelDir !== undefined ? { modelDir: options.modelDir } : {}),
  };
  const workerCount = Math.min(options.workers ?? availableParallelism(), runs.length);
  const records: RunRecord[] = [];
  const emit = (r: RunRecord) => {
    records.push(r);
    options.onRecord?.(r);
  };
  if (workerCount <= 0) {
    const { interrupted } = await runInline(runs, init, options, emit);
    return { records, interrupted };
  }

  const queue = [...runs];
  const signal = options.signal;
  return new Promise<PoolOutcome>((resolve) => {
    let alive = 0;
    let finished = false;
    const active = new Map<Worker, RunSpec>();
    const finish = () => {
      if (finished || alive > 0) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      resolve({ records, interrupted: signal?.aborted === true });
    };
    const next = (w: Worker) => {
      const spec = signal?.aborted ? undefined : queue.shift();
      if (spec === undefined) {
        active.delete(w);
        void w.terminate();
        return;
      }
      active.set(w, spec);
      options.onStart?.(spec);
      w.postMessage({ type: 'run', spec } satisfies ToWorker);
    };
    const start = () => {
      const w = spawnWorker(init);
      alive++;
      let lost = false;
      const loseRun = (reason: string) => {
        if (lost) return;
        lost = true;
        const spec = active.get(w);
        active.delete(w);
        if (spec !== undefined && !signal?.aborted) emit(failedRecord(spec, reason, 0));
      };
      w.on('message', (m: FromWorker) => {
        if (m.type === 'progress') options.onProgress?.(m.progress);
        else if (m.type === 'fatal') {
          loseRun(m.message);
          void w.terminate();
        } else {
          if (m.record !== null) emit(m.record);
          next(w);
        }
      });
      w.on('error', (e) => loseRun(`worker thread crashed: ${e.message}`));
      w.on('exit', (code) => {
        loseRun(`worker thread exited with code ${code}`);
        alive--;
        // Replace a crashed worker while there is work left.
        if (!signal?.aborted && queue.length > 0 && lost) {
          const spare = start();
          next(spare);
        }
        finish();
      });
      return w;
    };
    const onAbort = () => {
      for (const w of active.keys()) w.postMessage({ type: 'abort' } satisfies ToWorker);
      const timer = setTimeout(() => {
        for (const w of active.keys()) void w.terminate();
      }, options.abortGraceMs ?? 3000);
      timer.unref();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    for (let i = 0; i < workerCount; i++) next(start());
  });
}

async function runInline(
  runs: readonly RunSpec[],
  init: WorkerInit,
  options: PoolOptions,
  emit: (r: RunRecord) => void,
): Promise<{ interrupted: boolean }> {
  const catalog = await loadCatalog(init.plugins, init.builtIns);
  const signal = options.signal ?? new AbortController().signal;
  for (const spec of runs) {
    if (signal.aborted) break;
    options.onStart?.(spec);
    const r = await executeRun(spec, catalog, signal, options.onProgress, init.modelDir !== undefined ? { modelDir: init.modelDir } : {});
    if (r !== null) emit(r);
  }
  return { interrupted: signal.aborted };
}
