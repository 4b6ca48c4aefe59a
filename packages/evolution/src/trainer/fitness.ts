import {
  type ControlTask,
  type Model,
  type ObjectiveTask,
  type SupervisedTask,
  type Task,
  accuracy,
  lossFor,
  modelPolicy,
  rollout,
} from '@evoprop/core';
import { FlopMeter, Rng, Tensor, noGrad } from '@evoprop/tensor';
import { z } from 'zod';
import { type PopulationForward, populationForward } from './population-batch.js';

/** How a candidate's fitness (a loss, lower is better) is measured on each kind of task. */
export const fitnessConfigSchema = z.strictObject({
  /** Supervised: samples per fitness mini-batch, drawn per generation (the same for every candidate); omit for the full train split. */
  batchSize: z.number().int().positive().optional().meta({ unit: 'samples' }),
  /** Control: episodes per candidate, an integer > 0; fitness is minus the mean return. Default 3. */
  episodes: z.number().int().positive().default(3).meta({ unit: 'episodes' }),
  /**
   * Control: 'per-generation' draws new episode seeds each generation, the same for every
   * candidate (common random numbers); 'per-candidate' derives them from (generation, index);
   * 'fixed' reuses the same episodes throughout. Default 'per-generation'.
   */
  episodeSeeds: z.enum(['per-generation', 'per-candidate', 'fixed']).default('per-generation'),
  /**
   * Supervised: evaluate a generation's candidates with one population-batched first-layer product
   * per group of candidates where the model allows it (a sequential model whose first layer is
   * dense, see `populationForward`); fitness, accuracy and FLOPs are identical either way. Default
   * false: on the CPU kernels it measured 0.89–1.02× the per-candidate speed on one thread and
   * 0.68× on two (docs/benchmarks.md).
   */
  populationBatch: z.boolean().default(false),
});
/** Parsed fitness settings; see the {@link fitnessConfigSchema} schema. */
export type FitnessConfig = z.output<typeof fitnessConfigSchema>;

/** What a fitness evaluation needs; built once per thread. */
export type EvaluationContext = {
  /** The task candidates are evaluated on. */
  readonly task: Task;
  /** A scratch model whose `params.vector` is overwritten per candidate. */
  readonly model: Model;
  /** How fitness is measured. */
  readonly fitness: FitnessConfig;
  /** Seed string every generation's evaluation randomness derives from. */
  readonly evalSeed: string;
  /**
   * Also return each candidate's behaviour (novelty search): control tasks' `episodeBehaviour`,
   * concatenated over the episodes; supervised, the outputs on the fitness batch; objective, the
   * solution vector itself.
   */
  readonly behaviour?: boolean;
  /** Cache: the population forward of `model` (null: the model does not allow one). */
  batched?: PopulationForward | null;
  /** Cache: the mini-batch of the current generation. */
  batch?: {
    /** The generation the batch was drawn for. */
    generation: number;
    /** Its inputs. */
    x: Tensor;
    /** Its targets. */
    y: Tensor;
  };
};

/** A candidate's fitness (lower is better), the samples or steps it cost, and its accuracy on classification batches. */
export type CandidateResult = Readonly<{
  /** The candidate's loss (lower is better): task loss, minus the mean return, or the objective's value. */
  fitness: number;
  /** What it cost, in the budget's `evaluations` unit: samples (supervised), environment steps (control) or 1 (objective). */
  evaluations: number;
  /** Accuracy on the fitness batch, for classification tasks only. */
  accuracy?: number;
  /** The candidate's behaviour, when {@link EvaluationContext}'s `behaviour` asked for it. */
  behaviour?: readonly number[];
}>;

/**
 * Fitness of each full parameter vector in generation `generation`, in order, plus the FLOPs
 * spent. `firstIndex` is the population index of `vectors[0]` (workers get contiguous chunks).
 * `horizon` (control tasks) cuts every episode at that many steps instead of `task.maxSteps`: the
 * rollouts of a generation truncated by the budget, the same horizon for every candidate.
 */
export function evaluateCandidates(
  ctx: EvaluationContext,
  generation: number,
  vectors: readonly Float32Array[],
  firstIndex = 0,
  horizon?: number,
): {
  /** One result per vector, in order. */
  results: CandidateResult[];
  /** FLOPs spent by the evaluation. */
  flops: number;
} {
  const meter = new FlopMeter();
  const results = meter.measure(() =>
    noGrad(
      () =>
        batchedSupervised(ctx, generation, vectors) ??
        vectors.map((v, k) => {
          ctx.model.params.vector.set(v);
          return evaluateOne(ctx, generation, firstIndex + k, horizon);
        }),
    ),
  );
  return { results, flops: meter.flops };
}

/** Supervised fitness of the whole population from one batched forward, or null where the model or batch does not allow it. */
function batchedSupervised(ctx: EvaluationContext, generation: number, vectors: readonly Float32Array[]): CandidateResult[] | null {
  const { task } = ctx;
  if (task.kind !== 'supervised' || ctx.fitness.populationBatch !== true || vectors.length < 2) return null;
  if (ctx.batched === undefined) ctx.batched = populationForward(ctx.model);
  if (ctx.batched === null) return null;
  const { x, y } = fitnessBatch(ctx, task, generation);
  const outputs = ctx.batched(x, vectors);
  return outputs === null ? null : outputs.map((out) => scoreOutput(task, out, y, x.shape[0] as number, ctx.behaviour));
}

function evaluateOne(ctx: EvaluationContext, generation: number, index: number, horizon: number | undefined): CandidateResult {
  const { task } = ctx;
  switch (task.kind) {
    case 'supervised':
      return supervisedFitness(ctx, task, generation);
    case 'control': {
      const mode = ctx.fitness.episodeSeeds;
      const seeds = episodeSeeds(
        mode === 'per-candidate' ? `${ctx.evalSeed}/candidate-${index}` : ctx.evalSeed,
        mode === 'fixed' ? 0 : generation,
        ctx.fitness.episodes,
      );
      let total = 0;
      let steps = 0;
      const behaviour: number[] = [];
      for (const episode of rollout(task, modelPolicy(ctx.model, task), seeds, horizon === undefined ? {} : { maxSteps: horizon })) {
        total += episode.fitness;
        steps += episode.steps;
        if (ctx.behaviour === true) behaviour.push(...(episode.behaviour ?? []));
      }
      return { fitness: -total / seeds.length, evaluations: steps, ...(ctx.behaviour === true ? { behaviour } : {}) };
    }
    case 'objective':
      return {
        fitness: objectiveFitness(ctx.model, task),
        evaluations: 1,
        ...(ctx.behaviour === true ? { behaviour: Array.from(ctx.model.params.vector) } : {}),
      };
  }
}

function supervisedFitness(ctx: EvaluationContext, task: SupervisedTask, generation: number): CandidateResult {
  const { x, y } = fitnessBatch(ctx, task, generation);
  return scoreOutput(task, ctx.model.forward(x, 'eval'), y, x.shape[0] as number, ctx.behaviour);
}

/** The generation's fitness data: the whole train split, or the mini-batch drawn for this generation (the same for every candidate). */
function fitnessBatch(ctx: EvaluationContext, task: SupervisedTask, generation: number): { x: Tensor; y: Tensor } {
  const n = task.train.x.shape[0];
  const b = ctx.fitness.batchSize;
  if (b === undefined || b >= n) return { x: task.train.x, y: task.train.y };
  if (ctx.batch?.generation !== generation) {
    const rows = Rng.fromSeed(ctx.evalSeed).fork(`batch/gen-${generation}`).permutation(n).subarray(0, b);
    ctx.batch = { generation, x: gatherRows(task.train.x, rows), y: gatherRows(task.train.y, rows) };
  }
  return ctx.batch;
}

function scoreOutput(task: SupervisedTask, out: Tensor, y: Tensor, rows: number, behaviour = false): CandidateResult {
  const loss = lossFor(task.loss)(out, y).item();
  // Novelty search on a supervised task: the behaviour is what the network answers on the batch.
  const b = behaviour ? { behaviour: Array.from(out.data) } : {};
  if (task.problem === 'classification') return { fitness: loss, evaluations: rows, accuracy: accuracy(out, y), ...b };
  return { fitness: loss, evaluations: rows, ...b };
}

function gatherRows(t: Tensor, rows: Int32Array): Tensor {
  const row = t.shape.slice(1).reduce((a, c) => a * c, 1);
  const out = new Float32Array(rows.length * row);
  for (let i = 0; i < rows.length; i++) out.set(t.data.subarray(rows[i] * row, (rows[i] + 1) * row), i * row);
  return new Tensor(out, [rows.length, ...t.shape.slice(1)]);
}

/** Integer episode seeds for a generation: the same for every candidate (common random numbers). */
export function episodeSeeds(evalSeed: string, generation: number, episodes: number): number[] {
  const rng = Rng.fromSeed(evalSeed).fork(`episodes/gen-${generation}`);
  return Array.from({ length: episodes }, () => rng.int(0, 2 ** 31 - 1));
}

/** One episode of `model` on `task` (core's {@link rollout}, actions by its one output rule). */
export function runEpisode(
  model: Model,
  task: ControlTask,
  seed: number,
): {
  /** The episode's score, higher is better: the task's `episodeFitness` when it has one, else the return. */
  fitness: number;
  /** Sum of the rewards. */
  returnSum: number;
  /** Environment steps taken (at most `task.maxSteps`). */
  steps: number;
} {
  const [episode] = rollout(task, modelPolicy(model, task), [seed]);
  return { fitness: episode.fitness, returnSum: episode.return, steps: episode.steps };
}

function objectiveFitness(model: Model, task: ObjectiveTask): number {
  return task.evaluate(model.params.vector);
}
