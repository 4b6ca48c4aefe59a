/**
 * The evolution trainer's job handler in a Web Worker (the browser counterpart of `worker.ts`): the
 * task arrives as data (a browser has no module specifier to rebuild it from), the rest as on a thread.
 */
import { serveWebWorker } from '@evoprop/core/executor-web';
import type { ChunkOutput } from './chunks.js';
import { type CandidateResult, evaluateCandidates } from './fitness.js';
import { type PlainSupervisedTask, fromPlainTask } from './plain-task.js';
import { type EvaluationJob, type WorkerContextSpec, contextFor } from './worker.js';

/** What a Web Worker of the evolution trainer is started with. */
export type WebWorkerContext = WorkerContextSpec & Readonly<{ task: PlainSupervisedTask }>;

serveWebWorker<WebWorkerContext, EvaluationJob, ChunkOutput<CandidateResult>>((init) => {
  const ctx = contextFor(init, fromPlainTask(init.task));
  return (job) => evaluateCandidates(ctx, job.generation, job.vectors, job.firstIndex);
});
