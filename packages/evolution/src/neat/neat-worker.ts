/**
 * NeatTrainer's job handler on worker threads: rebuilds the task from its spec once per thread
 * and scores chunks of genomes with the same `scoreGenome` the trainer's thread uses.
 */
import type { ControlTask, HandlerFactory, SupervisedTask, Task } from '@evoprop/core';
import { FlopMeter } from '@evoprop/tensor';
import type { Genome } from './genome.js';
import { type GenomeScore, type ScoringOptions, scoreGenome } from './scoring.js';

/** Where a worker finds a function that rebuilds a task from its spec. */
export type NeatTaskFactoryRef = Readonly<{
  /** Module specifier to import. */
  module: string;
  /** Name of the export: a function `(spec) => Task`. */
  export: string;
}>;

/** What every worker of a run shares: how to rebuild the task and how to score. */
export type NeatWorkerContext = Readonly<{
  /** The task's spec (JSON), passed to the factory. */
  taskSpec: unknown;
  /** Module and export of a function `(spec) => Task` (default: @evoprop/tasks' createTaskFromSpec). */
  taskFactory: NeatTaskFactoryRef;
  /** How genomes are scored. */
  scoring: ScoringOptions;
}>;

/** One chunk of a generation, as an executor job's payload. */
export type NeatWorkerJob = Readonly<{
  /** Generation number (episode seeds derive from it). */
  generation: number;
  /** The genomes to score. */
  genomes: readonly Genome[];
}>;

/** A worker's answer. */
export type NeatWorkerResult = Readonly<{
  /** One score per genome of the job, in order. */
  results: GenomeScore[];
  /** FLOPs the worker counted. */
  flops: number;
}>;

async function buildTask(context: NeatWorkerContext): Promise<SupervisedTask | ControlTask> {
  const mod = (await import(context.taskFactory.module)) as Record<string, unknown>;
  const factory = mod[context.taskFactory.export];
  if (typeof factory !== 'function')
    throw new Error(
      `neat worker: expected '${context.taskFactory.export}' to be a function exported by ${context.taskFactory.module}, got ${typeof factory}`,
    );
  return (await (factory as (spec: unknown) => Task | Promise<Task>)(context.taskSpec)) as SupervisedTask | ControlTask;
}

/** Builds this thread's task from `context`, then scores each chunk job with it. */
const scoringHandler: HandlerFactory<NeatWorkerContext, NeatWorkerJob, NeatWorkerResult> = async (context) => {
  const task = await buildTask(context);
  return (job) => {
    const meter = new FlopMeter();
    const results = meter.measure(() => job.genomes.map((g) => scoreGenome(g, task, context.scoring, job.generation)));
    return { results, flops: meter.flops };
  };
};
export default scoringHandler;
