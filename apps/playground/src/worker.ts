// A race worker: runs one strategy of a race per job (webWorkerExecutor from @evoprop/core/executor-web).
import { serveWebWorker } from '@evoprop/core/executor-web';
import { setBackend } from '@evoprop/tensor';
import type { RaceJob, RaceProgress, RaceResult } from './race/messages.js';
import { raceBackend } from './race/kernels.js';
import { raceTask, runStrategy } from './race/run-strategy.js';

serveWebWorker<null, RaceJob, RaceResult, RaceProgress>(() => async (job, context) => {
  // The worker's default backend, for the fit, its looks and the evaluations alike.
  const { backend, used, note } = await raceBackend(job.config.kernels);
  setBackend(backend);
  context.progress({ type: 'kernels', used, note });
  const task = raceTask(job.config);
  context.progress({
    type: 'points',
    points: { trainX: task.train.x.data, trainY: task.train.y.data, testX: task.test.x.data, testY: task.test.y.data },
  });
  return runStrategy(job.config, job.strategy, (look) => context.progress({ type: 'look', look }), context.signal);
});
