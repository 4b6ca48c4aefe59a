/**
 * NEAT scoring on any executor whose jobs leave this process (a BullMQ queue of `@evoprop/queue`):
 * genomes travel as plain data with the (small) task spec and scoring settings, so a worker needs no
 * set-up per run. Chunks are contiguous and joined in order, so any number of workers gives the
 * scores, FLOPs and therefore runs of a local evaluation.
 */
import type { ControlTask, Executor, JobHandler, SupervisedTask } from '@evoprop/core';
import { FlopMeter } from '@evoprop/tensor';
import { chunkedEvaluation } from '../trainer/chunks.js';
import { rebuildTask } from '../trainer/rebuild-task.js';
import type { NeatEvaluator } from './evaluator.js';
import type { Genome } from './genome.js';
import type { NeatWorkerContext, NeatWorkerResult } from './neat-worker.js';
import { scoreGenome } from './scoring.js';

/** One chunk of a NEAT generation, as a remote executor's job payload. */
export type NeatRemoteJob = Readonly<{
  /** How the worker rebuilds the task and scores (cached per worker by its JSON). */
  context: NeatWorkerContext;
  /** Generation number (episode seeds derive from it). */
  generation: number;
  /** The genomes to score, as plain data. */
  genomes: readonly Genome[];
  /** Control tasks: every episode's step limit in a generation truncated by the budget (absent: the task's `maxSteps`). */
  horizon?: number;
}>;

/** The handler queue workers run for {@link remoteNeatEvaluator}'s jobs; keeps the last `cached` rebuilt tasks. */
export function remoteNeatScoringHandler(cached = 4): JobHandler<NeatRemoteJob, NeatWorkerResult> {
  const tasks = new Map<string, Promise<SupervisedTask | ControlTask>>();
  return async (job) => {
    const key = JSON.stringify([job.context.taskFactory, job.context.taskSpec]);
    let task = tasks.get(key);
    if (task === undefined) {
      task = rebuildTask(job.context.taskFactory, job.context.taskSpec, 'neat queue worker') as Promise<SupervisedTask | ControlTask>;
      tasks.set(key, task);
      task.catch(() => tasks.delete(key));
      while (tasks.size > cached) tasks.delete(tasks.keys().next().value as string);
    }
    const built = await task;
    const meter = new FlopMeter();
    const results = meter.measure(() => job.genomes.map((g) => scoreGenome(g, built, job.context.scoring, job.generation, job.horizon)));
    return { results, flops: meter.flops };
  };
}

/**
 * A {@link NeatEvaluator} over a remote executor: `executor.concurrency` contiguous chunks per
 * generation, one job each (ids under `name`, unique per fit). The executor belongs to the caller.
 */
export function remoteNeatEvaluator(
  executor: Executor<NeatRemoteJob, NeatWorkerResult>,
  context: NeatWorkerContext,
  name: string,
): NeatEvaluator {
  const score = chunkedEvaluation<Genome, NeatRemoteJob, NeatWorkerResult['results'][number]>(executor, {
    name,
    remote: true,
    payload: ({ items }, _, generation, horizon) => ({
      context,
      generation,
      genomes: items,
      ...(horizon === undefined ? {} : { horizon }),
    }),
  });
  return {
    remote: true,
    evaluate: async (generation, genomes, horizon) => {
      const { results, flops } = await score(generation, genomes, horizon);
      return { scores: results, flops };
    },
    close: async () => {},
  };
}
