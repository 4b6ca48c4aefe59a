/**
 * NeatTrainer's job handler on worker threads: rebuilds the task from its spec once per thread
 * and scores chunks of genomes with the same `scoreGenome` the trainer's thread uses.
 */
import type { ControlTask, HandlerFactory, SupervisedTask } from '@evoprop/core';
import { FlopMeter } from '@evoprop/tensor';
import { type TaskFactoryRef, rebuildTask } from '../trainer/rebuild-task.js';
import type { Genome } from './genome.js';
import { type GenomeScore, type ScoringOptions, scoreGenome } from './scoring.js';

/** Where a worker finds a function that rebuilds a task from its spec. */
export type NeatTaskFactoryRef = TaskFactoryRef;

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
  /** Control tasks: every episode's step limit in a generation truncated by the budget (absent: the task's `maxSteps`). */
  horizon?: number;
}>;

/** A worker's answer. */
export type NeatWorkerResult = Readonly<{
  /** One score per genome of the job, in order. */
  results: GenomeScore[];
  /** FLOPs the worker counted. */
  flops: number;
}>;

/** Builds this thread's task from `context`, then scores each chunk job with it. */
const scoringHandler: HandlerFactory<NeatWorkerContext, NeatWorkerJob, NeatWorkerResult> = async (context) => {
  const task = (await rebuildTask(context.taskFactory, context.taskSpec, 'neat worker')) as SupervisedTask | ControlTask;
  return (job) => {
    const meter = new FlopMeter();
    const results = meter.measure(() => job.genomes.map((g) => scoreGenome(g, task, context.scoring, job.generation, job.horizon)));
    return { results, flops: meter.flops };
  };
};
export default scoringHandler;
