/**
 * Tinypool worker for NeatTrainer: rebuilds the task from its spec once per context and
 * scores chunks of genomes with the same `scoreGenome` the trainer's thread uses.
 */
import type { ControlTask, SupervisedTask, Task } from '@evoprop/core';
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

/** What every worker job of a run shares: how to rebuild the task and how to score. */
export type NeatWorkerContext = Readonly<{
  /** The task's spec (JSON), passed to the factory. */
  taskSpec: unknown;
  /** Module and export of a function `(spec) => Task` (default: @evoprop/tasks' createTaskFromSpec). */
  taskFactory: NeatTaskFactoryRef;
  /** How genomes are scored. */
  scoring: ScoringOptions;
}>;

/** One chunk of a generation sent to a worker. */
export type NeatWorkerJob = Readonly<{
  /** Cache key of the context (the worker keeps one task per key). */
  key: string;
  /** Task and scoring. */
  context: NeatWorkerContext;
  /** Generation number (episode seeds derive from it). */
  generation: number;
  /** The genomes to score. */
  genomes: readonly Genome[];
}>;

/** A worker's answer. */
export type NeatWorkerResult = Readonly<{
  /** One score per genome of the job, in order. */
  scores: GenomeScore[];
  /** FLOPs the worker counted. */
  flops: number;
}>;

const tasks = new Map<string, Promise<Task>>();

async function buildTask(context: NeatWorkerContext): Promise<Task> {
  const mod = (await import(context.taskFactory.module)) as Record<string, unknown>;
  const factory = mod[context.taskFactory.export];
  if (typeof factory !== 'function')
    throw new Error(
      `neat worker: expected '${context.taskFactory.export}' to be a function exported by ${context.taskFactory.module}, got ${typeof factory}`,
    );
  return (await (factory as (spec: unknown) => Task | Promise<Task>)(context.taskSpec)) as Task;
}

export default async function evaluate(job: NeatWorkerJob): Promise<NeatWorkerResult> {
  let task = tasks.get(job.key);
  if (task === undefined) {
    task = buildTask(job.context);
    tasks.set(job.key, task);
    task.catch(() => tasks.delete(job.key));
  }
  const t = (await task) as SupervisedTask | ControlTask;
  const meter = new FlopMeter();
  const scores = meter.measure(() => job.genomes.map((g) => scoreGenome(g, t, job.context.scoring, job.generation)));
  return { scores, flops: meter.flops };
}
