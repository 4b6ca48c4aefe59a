/**
 * Population evaluation on any executor whose jobs leave this process — a BullMQ queue of
 * `@evoprop/queue` on other machines, typically. Each job carries its own (small) context spec, so
 * a worker needs no set-up per run; OpenAI-ES with indexed noise sends each chunk as a recipe (mean,
 * σ, the generation's noise seed, a range of indices) instead of parameter vectors, the trick of
 * Salimans et al. 2017 (§2.1, Algorithm 2), and the worker regenerates the candidates.
 */
import type { Executor, JobHandler } from '@evoprop/core';
import { WorkerEvaluationError } from '../errors.js';
import { type OpenAiEsRecipe, openAiEsCandidate } from '../strategies/openai-es.js';
import { type ChunkOutput, chunksOf, joinChunks } from './chunks.js';
import type { PopulationEvaluator } from './evaluator.js';
import { type CandidateResult, type EvaluationContext, evaluateCandidates } from './fitness.js';
import { type TaskFromSpec, type WorkerContextSpec, buildContext } from './worker.js';

/** How a chunk's candidates travel: as full parameter vectors, or as an OpenAI-ES recipe and an index range. */
export type RemoteCandidates =
  | Readonly<{
      /** Full parameter vectors. */
      kind: 'vectors';
      /** One full parameter vector per candidate of the chunk. */
      vectors: Float32Array[];
    }>
  | Readonly<{
      /** Regenerated on the worker from the recipe. */
      kind: 'seeds';
      /** The generation's recipe (see `openAiEsCandidate`). */
      recipe: OpenAiEsRecipe;
      /** How many candidates, from the job's `firstIndex`. */
      count: number;
      /** The model's full vector and the searched indices into it, when some weights are frozen (null: the search vector is the whole model). */
      embed: Readonly<{
        /** The model's full parameter vector (frozen weights included). */
        base: Float32Array;
        /** The searched indices into it. */
        indices: Int32Array;
      }> | null;
    }>;

/** One chunk of a generation, as a remote executor's job payload. */
export type RemoteEvaluationJob = Readonly<{
  /** What the worker rebuilds the task and model from (cached per worker by its JSON). */
  context: WorkerContextSpec;
  /** Generation number (batches and episode seeds derive from it). */
  generation: number;
  /** Which chunk of the generation this is. */
  chunk: number;
  /** Population index of the chunk's first candidate. */
  firstIndex: number;
  /** The candidates. */
  candidates: RemoteCandidates;
  /** Control tasks: every episode's step limit in a generation truncated by the budget (absent: the task's `maxSteps`). */
  horizon?: number;
}>;

/** The full parameter vectors of a job's candidates, as the submitting process built them. */
export function candidateVectors(job: RemoteEvaluationJob): Float32Array[] {
  const c = job.candidates;
  if (c.kind === 'vectors') return c.vectors;
  return Array.from({ length: c.count }, (_, k) => {
    const x = openAiEsCandidate(c.recipe, job.firstIndex + k);
    if (c.embed === null) return Float32Array.from(x);
    const v = Float32Array.from(c.embed.base);
    for (let i = 0; i < c.embed.indices.length; i++) v[c.embed.indices[i] as number] = x[i] as number;
    return v;
  });
}

/**
 * The handler queue workers run for {@link remoteEvaluator}'s jobs: rebuilds (and keeps, for the
 * last `cached` contexts) the task and model of each job's context, regenerates seeded candidates,
 * and evaluates them exactly as a local evaluator would. `createTask` builds each task from its spec
 * here instead of importing the context's `taskFactory.module` by name, which a browser's Web Worker
 * cannot do: so control and objective tasks, whose environments cannot be sent as data, are
 * evaluated on Web Workers too.
 *
 * @example
 * // eval-worker.ts, a Web Worker's module (`webWorkerExecutor` on the page is the trainer's `executor`)
 * serveWebWorker(() => remoteEvaluationHandler(4, createTaskFromSpec));
 */
export function remoteEvaluationHandler<S = unknown>(
  cached = 4,
  createTask?: TaskFromSpec<S>,
): JobHandler<RemoteEvaluationJob, ChunkOutput<CandidateResult>> {
  const contexts = new Map<string, Promise<EvaluationContext>>();
  return async (job) => {
    const key = JSON.stringify(job.context);
    let ctx = contexts.get(key);
    if (ctx === undefined) {
      ctx = buildContext(job.context, createTask);
      contexts.set(key, ctx);
      ctx.catch(() => contexts.delete(key));
      while (contexts.size > cached) contexts.delete(contexts.keys().next().value as string);
    }
    return evaluateCandidates(await ctx, job.generation, candidateVectors(job), job.firstIndex, job.horizon);
  };
}

/** How {@link remoteEvaluator} embeds search vectors into the model's full vector. */
export type RemoteEvaluatorOptions = Readonly<{
  /** What the workers rebuild the task and model from. */
  context: WorkerContextSpec;
  /** The model's full parameter vector (frozen weights included). */
  base: Float32Array;
  /** The searched indices into it (`params.trainableIndices()`). */
  indices: Int32Array;
  /** Job id namespace of this evaluation (unique per fit). */
  name: string;
}>;

/**
 * A {@link PopulationEvaluator} over a remote executor: one job per contiguous chunk
 * (`executor.concurrency` of them), answers joined in chunk order, so the fitness vector is
 * identical for any number of workers. With an OpenAI-ES recipe the chunks carry seeds, not vectors.
 * The executor belongs to the caller (closing the evaluator leaves it open).
 */
export function remoteEvaluator(
  executor: Executor<RemoteEvaluationJob, ChunkOutput<CandidateResult>>,
  options: RemoteEvaluatorOptions,
): PopulationEvaluator {
  const whole = options.indices.length === options.base.length && options.indices.every((v, i) => v === i);
  const embed = whole ? null : { base: options.base, indices: options.indices };
  let calls = 0;
  return {
    remote: true,
    async evaluate(generation, vectors, recipe, horizon) {
      const call = calls++;
      const ranges = chunksOf(vectors, executor.concurrency);
      const outputs = await Promise.all(
        ranges.map((range, chunk) => {
          const candidates: RemoteCandidates =
            recipe === undefined || recipe === null
              ? { kind: 'vectors', vectors: range.items }
              : { kind: 'seeds', recipe, count: range.items.length, embed };
          return executor
            .submit({
              id: `${options.name}/${call}/chunk-${chunk}`,
              payload: {
                context: options.context,
                generation,
                chunk,
                firstIndex: range.first,
                candidates,
                ...(horizon === undefined ? {} : { horizon }),
              },
            })
            .catch((e: unknown) => {
              const error = e as { attempts?: number; cause?: unknown };
              throw new WorkerEvaluationError(generation, range.first, error.attempts ?? 1, error.cause ?? e);
            });
        }),
      );
      return joinChunks(outputs);
    },
    close: async () => {},
  };
}
