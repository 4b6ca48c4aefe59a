/**
 * The evolution trainer's job handler on worker threads: rebuilds the model and the task from
 * their specs once per thread and evaluates chunks of candidates. Results depend only on
 * (vector, generation, index), never on which thread ran them, so any number of workers gives
 * identical bytes.
 */
import { buildModel, type HandlerFactory, type Task } from '@evoprop/core';
import { Rng } from '@evoprop/tensor';
import type { ChunkOutput } from './chunks.js';
import { type CandidateResult, type EvaluationContext, evaluateCandidates, type FitnessConfig } from './fitness.js';
import { type TaskFactoryRef, rebuildTask } from './rebuild-task.js';
import { VectorModel } from './vector-model.js';

/**
 * What a worker thread needs to rebuild an {@link EvaluationContext}, as plain (structured-cloneable)
 * data: the task and model specs, the fitness settings and the evaluation seed.
 */
export type WorkerContextSpec = Readonly<{
  /** The task's spec, passed to the task factory (for `@evoprop/tasks`: `{ id, seed, options }`). */
  taskSpec: unknown;
  /** Module and export of a function `(spec) => Task` (default: @evoprop/tasks' createTaskFromSpec). */
  taskFactory: TaskFactoryRef;
  /** The model's JSON spec (`{ kind: 'vector', dimension }` for objective tasks). */
  modelSpec: unknown;
  /** Length of the rebuilt model's `params.vector`, checked on rebuild. */
  paramCount: number;
  /** How fitness is measured. */
  fitness: FitnessConfig;
  /** Seed string every generation's evaluation randomness derives from. */
  evalSeed: string;
  /** Also return each candidate's behaviour (novelty search); see {@link EvaluationContext}. */
  behaviour?: boolean;
}>;

/**
 * A function that builds a task from its spec (as `@evoprop/tasks`' `createTaskFromSpec` does): given
 * to a worker directly where it cannot import `taskFactory.module` by name (a browser's Web Worker).
 */
export type TaskFromSpec<S = unknown> = (spec: S) => Task | Promise<Task>;

/** One chunk of a generation, as an executor job's payload. */
export type EvaluationJob = Readonly<{
  /** Generation number (batches and episode seeds derive from it). */
  generation: number;
  /** Which chunk of the generation this is (for messages). */
  chunk: number;
  /** Population index of `vectors[0]`. */
  firstIndex: number;
  /** The candidates' full parameter vectors. */
  vectors: Float32Array[];
  /** Control tasks: every episode's step limit in a generation truncated by the budget (absent: the task's `maxSteps`). */
  horizon?: number;
}>;

/** The evaluation context a worker rebuilds from `spec` (task, scratch model, fitness settings). */
export async function buildContext<S>(spec: WorkerContextSpec, createTask?: TaskFromSpec<S>): Promise<EvaluationContext> {
  return contextFor(
    spec,
    await (createTask === undefined ? rebuildTask(spec.taskFactory, spec.taskSpec, 'evolution worker') : createTask(spec.taskSpec as S)),
  );
}

/** The evaluation context of `spec` over `task` (rebuilt from its spec on a thread, sent as data to a Web Worker). */
export function contextFor(spec: WorkerContextSpec, task: Task): EvaluationContext {
  const ms = spec.modelSpec as { kind?: unknown; dimension?: unknown };
  const model = ms.kind === 'vector' ? new VectorModel(Number(ms.dimension)) : buildModel(spec.modelSpec, Rng.fromSeed('worker-scratch'));
  if (model.params.size !== spec.paramCount)
    throw new Error(`evolution worker: expected the rebuilt model to have ${spec.paramCount} parameters, got ${model.params.size}`);
  return { task, model, fitness: spec.fitness, evalSeed: spec.evalSeed, ...(spec.behaviour === true ? { behaviour: true } : {}) };
}

/** Builds this thread's evaluation context from `spec`, then evaluates each chunk job with it. */
const evaluationHandler: HandlerFactory<WorkerContextSpec, EvaluationJob, ChunkOutput<CandidateResult>> = async (spec) => {
  const ctx = await buildContext(spec);
  return (job) => evaluateCandidates(ctx, job.generation, job.vectors, job.firstIndex, job.horizon);
};
export default evaluationHandler;
