// The executor contract in the browser: the same fit jobs on two Web Workers (webWorkerExecutor) as inline in Node.
import { type Executor, JobError, inlineExecutor } from '@evoprop/core';
import { webWorkerExecutor } from '@evoprop/core/executor-web';
import type { Digest } from '../digest.js';
import { type FitJob, fitHandler } from './fit-handler.js';

/** Four fits (one per seed) and one failing job; `runtime` says where they ran and is not compared. */
export async function run(): Promise<Digest> {
  const init = { samples: 200 };
  const web = typeof Worker === 'function';
  const executor: Executor<FitJob, Digest> = web
    ? webWorkerExecutor({
        workers: 2,
        create: () => new Worker(new URL('./fit-worker.ts', import.meta.url), { type: 'module' }),
        init,
      })
    : inlineExecutor(await fitHandler(init));
  try {
    const fits = await Promise.all([1, 2, 3, 4].map((seed) => executor.submit({ id: `fit-${seed}`, payload: { kind: 'fit', seed } })));
    const failure = await executor.submit({ id: 'bad', payload: { kind: 'throw', message: 'no such data' } }).then(
      () => 'resolved',
      (e: unknown) => (e instanceof JobError ? `${e.kind}: ${(e.cause as Error).name}: ${(e.cause as Error).message}` : String(e)),
    );
    return { fits, failure, runtime: web ? 'web-workers' : 'inline' };
  } finally {
    await executor.close();
  }
}
