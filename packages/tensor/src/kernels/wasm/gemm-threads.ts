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

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, control, index } = workerData;
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

type WorkerThreadsModule = typeof import('node:worker_threads');

function loadWorkerThreads(): WorkerThreadsModule | null {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof getBuiltin !== 'function') return null;
  return (getBuiltin('node:worker_threads') as WorkerThreadsModule | undefined) ?? null;
}

/** Start `count` helper threads, or return null where worker threads are unavailable. */
export function startGemmThreads(module: WebAssembly.Module, memory: WebAssembly.Memory, count: number): GemmThreads | null {
  const wt = loadWorkerThreads();
  if (wt === null || count < 1) return null;
  const control = new SharedArrayBuffer(count * SLOTS * 4);
  const blocks = Array.from({ length: count }, (_, i) => new Int32Array(control, i * SLOTS * 4, SLOTS));
  for (let i = 0; i < count; i++) {
    const worker = new wt.Worker(workerSource, { eval: true, workerData: { module, memory, control, index: i } });
    worker.unref();
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
