// @evoprop/evolution beyond supervised tasks: CMA-ES on cart-pole, its population evaluated in this
// thread and on two Web Workers (in Node: the same handler inline), which rebuild the task from its spec.
import { type Executor, inlineExecutor } from '@evoprop/core';
import { webWorkerExecutor } from '@evoprop/core/executor-web';
import { EvolutionTrainer, type RemoteEvaluationJob, remoteEvaluationHandler } from '@evoprop/evolution';
import { createControlTask, createTaskFromSpec } from '@evoprop/tasks';
import { Rng, setKernels } from '@evoprop/tensor';
import { type Digest, fitDigest } from '../digest.js';

type Evaluations = Executor<RemoteEvaluationJob, Awaited<ReturnType<ReturnType<typeof remoteEvaluationHandler>>>>;

/** Eight generations of CMA-ES on cart-pole, twice; `runtime` says where the second ran and is not compared. */
export async function run(): Promise<Digest> {
  setKernels('wasm', { threads: 1, fma: false });
  const task = createControlTask('cart-pole', 3);
  const fit = (executor?: Evaluations) =>
    new EvolutionTrainer(
      { strategy: 'cmaEs', strategyConfig: { populationSize: 8 }, fitness: { episodes: 2 } },
      executor === undefined ? {} : { executor },
    ).fit({
      task,
      rng: Rng.fromSeed(10),
      budget: { generations: 8 },
    });
  const web = typeof Worker === 'function';
  const executor: Evaluations = web
    ? webWorkerExecutor({
        workers: 2,
        create: () => new Worker(new URL('./control-worker.ts', import.meta.url), { type: 'module' }),
        init: {},
      })
    : inlineExecutor(remoteEvaluationHandler(4, createTaskFromSpec));
  try {
    return { inThread: fitDigest(await fit()), onWorkers: fitDigest(await fit(executor)), runtime: web ? 'web-workers' : 'inline' };
  } finally {
    await executor.close();
  }
}
