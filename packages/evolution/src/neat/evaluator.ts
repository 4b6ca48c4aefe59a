/**
 * Where a generation's genomes are scored: in this thread, or on worker threads, through the
 * one executor contract of `@evoprop/core`. The population is split into one contiguous chunk
 * per worker and the results concatenated in chunk order; each score depends only on (genome,
 * generation, seed), so any number of workers gives bit-identical fitness, FLOPs and therefore runs.
 */
import { type ControlTask, type Executor, type SupervisedTask, inlineExecutor } from '@evoprop/core';
import { scoringPool } from '#threads';
import { chunkedEvaluation } from '../trainer/chunks.js';
import type { Genome } from './genome.js';
import type { NeatWorkerContext, NeatWorkerJob, NeatWorkerResult } from './neat-worker.js';
import { type GenomeScore, type ScoringOptions, scoreGenome } from './scoring.js';

/** The fitness of each genome with the FLOPs spent off this thread. */
export type NeatEvaluation = {
  /** One score per genome, in order. */
  scores: GenomeScore[];
  /** FLOPs counted on worker threads (0 when scoring in this thread, whose meter counts them itself). */
  flops: number;
};

/** Scores a generation's genomes: in this thread or on worker threads, with identical results. */
export interface NeatEvaluator {
  /** True when FLOPs happen off this thread (and must be added to the meter by hand). */
  readonly remote: boolean;
  /** Score `genomes` of generation `generation` (episode seeds derive from it), control episodes cut at `horizon` steps when given. */
  evaluate(generation: number, genomes: readonly Genome[], horizon?: number): Promise<NeatEvaluation>;
  /** Release the worker threads, if any. */
  close(): Promise<void>;
}

type Scorings = Executor<NeatWorkerJob, NeatWorkerResult>;

function executorNeatEvaluator(executor: Scorings, remote: boolean): NeatEvaluator {
  const score = chunkedEvaluation<Genome, NeatWorkerJob, GenomeScore>(executor, {
    name: 'scoring',
    remote,
    payload: ({ items }, _, generation, horizon) => ({ generation, genomes: items, ...(horizon === undefined ? {} : { horizon }) }),
  });
  return {
    remote,
    evaluate: async (generation, genomes, horizon) => {
      const { results, flops } = await score(generation, genomes, horizon);
      return { scores: results, flops };
    },
    close: () => executor.close(),
  };
}

/** Scores genomes one after the other in this thread. */
export const inThreadNeatEvaluator = (task: SupervisedTask | ControlTask, scoring: ScoringOptions): NeatEvaluator =>
  executorNeatEvaluator(
    inlineExecutor((job: NeatWorkerJob) => ({
      results: job.genomes.map((g) => scoreGenome(g, task, scoring, job.generation, job.horizon)),
      flops: 0,
    })),
    false,
  );

/**
 * Scores genomes on `workers` threads (Web Workers in a browser), one contiguous chunk each; the
 * workers rebuild the task from `context` (a browser's get `task`'s data). A chunk whose worker
 * threw or died is retried up to `maxRetries` times (default 2, as the evolution trainer's), then
 * the evaluation rejects with the executor's `JobError`.
 */
export function workerNeatEvaluator(
  workers: number,
  context: NeatWorkerContext,
  task: SupervisedTask | ControlTask,
  maxRetries = 2,
): NeatEvaluator {
  const executor: Scorings = scoringPool({ workers, maxRetries }, context, task);
  return executorNeatEvaluator(executor, true);
}
