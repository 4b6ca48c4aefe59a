/**
 * Tinypool worker: rebuilds the model and the task from their specs once per context and
 * evaluates chunks of candidates. Results depend only on (vector, generation), never on
 * which thread ran them, so any number of workers gives identical bytes.
 */
import { buildModel, type Task } from '@evoprop/core';
import { Rng } from '@evoprop/tensor';
import { VectorModel } from './vector-model.js';
import { type CandidateResult, type EvaluationContext, evaluateCandidates, type FitnessConfig } from './fitness.js';

/**
 * What a worker thread needs to rebuild an {@link EvaluationContext}, as plain (structured-cloneable)
 * data: the task and model specs, the fitness settings and the evaluation seed.
 */
export type WorkerContextSpec = Readonly<{
  /** The task's spec, passed to the task factory (for `@evoprop/tasks`: `{ id, seed, options }`). */
  taskSpec: unknown;
  /** Module and export of a function `(spec) => Task` (default: @evoprop/tasks' createTaskFromSpec). */
  taskFactory: Readonly<{
    /** Module specifier the worker imports (a package name or a file URL). */
    module: string;
    /** Name of the exported task factory. */
    export: string;
  }>;
  /** The model's JSON spec (`{ kind: 'vector', dimension }` for objective tasks). */
  modelSpec: unknown;
  /** Length of the rebuilt model's `params.vector`, checked on rebuild. */
  paramCount: number;
  /** How fitness is measured. */
  fitness: FitnessConfig;
  /** Seed string every generation's evaluation randomness derives from. */
  evalSeed: string;
}>;

export type WorkerJob = Readonly<{
  key: string;
  context: WorkerContextSpec;
  generation: number;
  firstIndex: number;
  vectors: Float32Array[];
}>;
export type WorkerResult = Readonly<{ results: CandidateResult[]; flops: number }>;

const contexts = new Map<string, Promise<EvaluationContext>>();

async function buildContext(spec: WorkerContextSpec): Promise<EvaluationContext> {
  const mod = (await import(spec.taskFactory.module)) as Record<string, unknown>;
  const factory = mod[spec.taskFactory.export];
  if (typeof factory !== 'function')
    throw new Error(
      `evolution worker: expected '${spec.taskFactory.export}' to be a function exported by ${spec.taskFactory.module}, got ${typeof factory}`,
    );
  const task = (await (factory as (s: unknown) => Task | Promise<Task>)(spec.taskSpec)) as Task;
  const ms = spec.modelSpec as { kind?: unknown; dimension?: unknown };
  const model = ms.kind === 'vector' ? new VectorModel(Number(ms.dimension)) : buildModel(spec.modelSpec, Rng.fromSeed('worker-scratch'));
  if (model.params.size !== spec.paramCount)
    throw new Error(`evolution worker: expected the rebuilt model to have ${spec.paramCount} parameters, got ${model.params.size}`);
  return { task, model, fitness: spec.fitness, evalSeed: spec.evalSeed };
}

export default async function evaluate(job: WorkerJob): Promise<WorkerResult> {
  let ctx = contexts.get(job.key);
  if (ctx === undefined) {
    ctx = buildContext(job.context);
    contexts.set(job.key, ctx);
    ctx.catch(() => contexts.delete(job.key));
  }
  return evaluateCandidates(await ctx, job.generation, job.vectors, job.firstIndex);
}
