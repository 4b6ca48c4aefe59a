/**
 * Helper threads for the WebAssembly gemm. Each worker instantiates the same module on
 * the same shared memory, then parks on a futex (Atomics.wait) until the calling thread
 * posts a row block. The caller computes its own block meanwhile and then waits — the
 * kernel API stays synchronous. Workers are unref'd, so they never keep a process alive.
 *
 * Both sides spin briefly before parking: training issues products back to back, and a
 * futex wake-up costs tens of microseconds, a few percent of a 512×512 product. A job is
 * claimed before it runs, so when the caller finishes its own block first and a helper has
 * not even started (it was slow to wake, or the machine is busy), the caller runs that job
 * itself instead of waiting: never much slower than one thread.
 *
 * In a browser the helpers are Web Workers, started where a thread may block (inside a Web Worker,
 * not on a page's main thread, which may not Atomics.wait) and memory can be shared (a
 * cross-origin-isolated page). A helper starts once the calling Web Worker's event loop runs (its
 * next `await`) and its message arrived; until then the caller takes its jobs back, so the results
 * never depend on when, or whether, helpers start.
 */
export type GemmThreads = {
  readonly count: number;
  /** Jobs run by a helper and jobs the caller took back, since the start (for tests). */
  readonly stats: { helped: number; stolen: number };
  dispatch(jobs: readonly (readonly number[])[]): void;
  /** Wait for the dispatched jobs; a job no helper has started yet is run here by `runHere`. */
  wait(runHere: (args: readonly number[]) => void): void;
};

// Control block per worker (Int32 slots): [0] = sequence number of the posted job,
// [1] = sequence number of the finished job, [2] = error flag, [3] = sequence number of the
// claimed job, [4..16) = job arguments.
const SLOTS = 16;
// Polls before parking on the futex (~20–50 µs at a few ns per poll).
const SPIN = 10000;

// The helper's loop, after it has its module, memory, control block and index (both runtimes).
const helperLoop = `
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('abort'); } } });
const gemm = instance.exports.gemm;
const c = new Int32Array(control, index * ${SLOTS} * 4, ${SLOTS});
let seen = 0;
for (;;) {
  for (let i = 0; i < ${SPIN} && Atomics.load(c, 0) === seen; i++);
  Atomics.wait(c, 0, seen);
  seen = Atomics.load(c, 0);
  if (Atomics.compareExchange(c, 3, seen - 1, seen) !== seen - 1) continue; // the caller ran it
  try {
    gemm(c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15]);
  } catch (e) {
    Atomics.store(c, 2, 1);
  }
  Atomics.store(c, 1, seen);
  Atomics.notify(c, 1);
}
`;
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, control, index } = workerData;
${helperLoop}`;
// A Web Worker gets the same four through its first message.
const webWorkerSource = `
self.onmessage = (event) => {
  self.onmessage = null;
  const { module, memory, control, index } = event.data;
  ${helperLoop}
};`;

type WorkerThreadsModule = typeof import('node:worker_threads');

function loadWorkerThreads(): WorkerThreadsModule | null {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof getBuiltin !== 'function') return null;
  return (getBuiltin('node:worker_threads') as WorkerThreadsModule | undefined) ?? null;
}

type WebWorkerScope = Readonly<{
  Worker?: new (url: string) => { postMessage(message: unknown): void };
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string };
  crossOriginIsolated?: boolean;
  WorkerGlobalScope?: unknown;
}>;

/** Starts a Web Worker per helper where this thread may block and share memory (a Web Worker of a cross-origin-isolated page); else null. */
function startWebWorkers(): ((data: Readonly<Record<string, unknown>>) => void) | null {
  const scope = globalThis as WebWorkerScope;
  const { Worker, Blob, URL: Url } = scope;
  // NOTE: WorkerGlobalScope exists only inside a Web Worker, never on a page, whose main thread may not block.
  if (
    Worker === undefined ||
    Blob === undefined ||
    Url === undefined ||
    scope.crossOriginIsolated !== true ||
    scope.WorkerGlobalScope === undefined
  )
    return null;
  const url = Url.createObjectURL(new Blob([webWorkerSource], { type: 'text/javascript' }));
  return (data) => new Worker(url).postMessage(data);
}

/** Start `count` helper threads (Node worker threads, or Web Workers in a browser), or return null where neither can help. */
export function startGemmThreads(module: WebAssembly.Module, memory: WebAssembly.Memory, count: number): GemmThreads | null {
  if (count < 1) return null;
  const wt = loadWorkerThreads();
  const web = wt === null ? startWebWorkers() : null;
  if (wt === null && web === null) return null;
  const control = new SharedArrayBuffer(count * SLOTS * 4);
  const blocks = Array.from({ length: count }, (_, i) => new Int32Array(control, i * SLOTS * 4, SLOTS));
  for (let i = 0; i < count; i++) {
    if (wt !== null) new wt.Worker(workerSource, { eval: true, workerData: { module, memory, control, index: i } }).unref();
    else web?.({ module, memory, control, index: i });
  }
  let pending: (readonly number[])[] = [];
  const stats = { helped: 0, stolen: 0 };
  return {
    count,
    stats,
    dispatch(jobs) {
      pending = [...jobs];
      jobs.forEach((args, i) => {
        const c = blocks[i] as Int32Array;
        for (let j = 0; j < args.length; j++) c[4 + j] = args[j] as number;
        Atomics.add(c, 0, 1);
        Atomics.notify(c, 0);
      });
    },
    wait(runHere) {
      for (let i = 0; i < pending.length; i++) {
        const c = blocks[i] as Int32Array;
        const target = Atomics.load(c, 0);
        if (Atomics.compareExchange(c, 3, target - 1, target) === target - 1) {
          runHere(pending[i] as readonly number[]);
          Atomics.store(c, 1, target);
          stats.stolen++;
          continue;
        }
        stats.helped++;
        for (let s = 0; s < SPIN && Atomics.load(c, 1) !== target; s++);
        while (Atomics.load(c, 1) !== target) Atomics.wait(c, 1, Atomics.load(c, 1), 1000);
        if (Atomics.exchange(c, 2, 0) !== 0) throw new Error('evoprop wasm gemm: a helper thread failed');
      }
      pending = [];
    },
  };
}
