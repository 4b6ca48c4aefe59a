/**
 * NeatTrainer's job handler in a Web Worker (the browser counterpart of `neat-worker.ts`): the task
 * arrives as data, and chunks of genomes are scored with the same `scoreGenome` the trainer uses.
 */
import { serveWebWorker } from '@evoprop/core/executor-web';
import { FlopMeter } from '@evoprop/tensor';
import { type PlainSupervisedTask, fromPlainTask } from '../trainer/plain-task.js';
import type { NeatWorkerContext, NeatWorkerJob, NeatWorkerResult } from './neat-worker.js';
import { scoreGenome } from './scoring.js';

/** What a NEAT Web Worker is started with. */
export type NeatWebWorkerContext = NeatWorkerContext & Readonly<{ task: PlainSupervisedTask }>;

serveWebWorker<NeatWebWorkerContext, NeatWorkerJob, NeatWorkerResult>((init) => {
  const task = fromPlainTask(init.task);
  return (job) => {
    const meter = new FlopMeter();
    const results = meter.measure(() => job.genomes.map((g) => scoreGenome(g, task, init.scoring, job.generation)));
    return { results, flops: meter.flops };
  };
});
