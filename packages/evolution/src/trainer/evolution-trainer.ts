import {
  type Checkpoint,
  type CostMeter,
  type Executor,
  type FitRequest,
  type FitResult,
  type Metrics,
  type Model,
  type Task,
  type Trainer,
  evaluateModel,
  isBounded,
  mlp,
} from '@evoprop/core';
import { type StepOutcome, decodeState, encodeState, type Remaining, runTrainingLoop } from '@evoprop/core/training';
import { noGrad, type Rng } from '@evoprop/tensor';
import { EvolutionError } from '../errors.js';
import { initNovelty, type NoveltyState, noveltyStep } from '../novelty/novelty.js';
import { strategies } from '../registry.js';
import type { Strategy, StrategyState } from '../strategy.js';
import { parseConfig } from '../util/config.js';
import { type EvolutionTrainerConfig, evolutionTrainerConfigSchema, type ParsedEvolutionTrainerConfig } from './config.js';
import { type OpenAiEsState, openAiEsRecipe } from '../strategies/openai-es.js';
import type { ChunkOutput } from './chunks.js';
import { inProcessEvaluator, type PopulationEvaluator, workerPoolEvaluator } from './evaluator.js';
import type { CandidateResult, FitnessConfig } from './fitness.js';
import { type RemoteEvaluationJob, remoteEvaluator } from './remote.js';
import type { WorkerContextSpec } from './worker.js';
import { type EvaluationContext, episodeSeeds, evaluateCandidates, runEpisode } from './fitness.js';
import { type GenerationHorizon, generationHorizon, horizonRefusal } from './horizon.js';

/** What {@link EvolutionTrainer} takes besides its config: things that are not data. */
export type EvolutionTrainerOptions = Readonly<{
  /**
   * Evaluate every generation on this executor instead of `workers` threads — a queue executor of
   * `@evoprop/queue` whose workers run `remoteEvaluationHandler()`, typically. One job per chunk
   * (`executor.concurrency` chunks), each carrying the task and model specs; OpenAI-ES with
   * `noise: 'indexed'` sends seeds instead of parameter vectors. Results are identical to a local
   * evaluation for any number of workers. The executor stays open after `fit`.
   */
  executor?: Executor<RemoteEvaluationJob, ChunkOutput<CandidateResult>>;
}>;
import { VectorModel } from './vector-model.js';

type ErasedStrategy = Strategy<unknown, StrategyState>;

/** What a checkpoint of this trainer holds (JSON-able: typed arrays are tagged); `novelty` under novelty search. */
type TrainerState = { strategy: unknown; novelty?: NoveltyState };

/** The run's mutable state: the strategy's, replaced by each `tell`, and the novelty archive under novelty search. */
type RunState = { strategy: StrategyState; novelty?: NoveltyState };

/** What one probed candidate cost: evaluations and kernel FLOPs (on control tasks FLOPs per environment step). */
type CandidateCost = Readonly<{ evaluations: number; flops: number }>;

/**
 * Trains a fixed-architecture Model with any ask/tell strategy by searching its trainable
 * weights (`params.trainableIndices()` of `params.vector`). Fitness is a loss:
 * supervised — the task loss on the train split or a per-generation mini-batch;
 * control — minus the mean episode return; objective — the function value, where the
 * weight vector is the solution. One generation is one step.
 *
 * @example
 * const trainer = new EvolutionTrainer({ strategy: 'openAiEs', strategyConfig: { populationSize: 50, sigma: 0.05 } });
 * const result = await trainer.fit({ task, rng: Rng.fromSeed(0), budget: { generations: 200 } });
 */
export class EvolutionTrainer implements Trainer {
  /** The strategy's id (`'cma-es'`, `'openai-es'`, ...), which is also the registered trainer id. */
  readonly id: string;
  /** The parsed config, every default filled in. */
  readonly config: ParsedEvolutionTrainerConfig;
  private readonly strategy: ErasedStrategy;
  // What an evaluation needs: the `fitness` section with the top-level `fitnessBatchSize` as its batch size.
  private readonly fitness: FitnessConfig;

  /**
   * @param config - see {@link evolutionTrainerConfigSchema}; `strategy` is required.
   * @throws {@link EvolutionError} for an invalid config, including an invalid `strategyConfig`.
   */
  constructor(
    config: EvolutionTrainerConfig,
    /** Not-data options, such as a remote executor. */
    private readonly options: EvolutionTrainerOptions = {},
  ) {
    this.config = parseConfig('EvolutionTrainer', evolutionTrainerConfigSchema, config);
    this.strategy = strategies[this.config.strategy] as unknown as ErasedStrategy;
    this.id = this.strategy.id;
    const { fitnessBatchSize } = this.config;
    this.fitness = { ...this.config.fitness, ...(fitnessBatchSize !== undefined ? { batchSize: fitnessBatchSize } : {}) };
    // Fail at construction, not mid-experiment: the strategy checks its config (the mean comes at fit).
    const { mean: _mean, ...strategyConfig } = this.config.strategyConfig;
    this.strategy.validate({ sigma: 0.1, ...strategyConfig });
  }

  /**
   * Evolve the weights of `request.model` (or of a default MLP) on `request.task` until the budget, a
   * target or the strategy's own stop criteria end the run; resumes exactly from `request.resume`.
   *
   * @throws {@link EvolutionError} for an unbounded budget or a checkpoint of another trainer.
   */
  async fit(request: FitRequest): Promise<FitResult> {
    const { task, budget } = request;
    if (!isBounded(budget))
      throw new EvolutionError(`${this.id}.fit`, 'a budget with at least one cap or a target', JSON.stringify(budget));
    if (request.resume !== undefined && request.resume.trainerId !== this.id) {
      throw new EvolutionError(`${this.id}.fit`, `a checkpoint of trainer '${this.id}'`, `'${request.resume.trainerId}'`);
    }
    const model = request.model?.clone() ?? defaultModel(task, this.config, request.rng.fork('init'));
    const indices = model.params.trainableIndices();
    const evalSeed = request.rng.fork('evaluation').seed;
    const strategy = this.strategy;
    const novelty = this.config.novelty;
    if (novelty !== undefined && task.kind === 'control' && task.episodeBehaviour === undefined)
      throw new EvolutionError(
        `${this.id}.fit`,
        'a control task with an episodeBehaviour (what an episode did, as a vector) for novelty search',
        `task '${task.id}' without one`,
      );
    let initial: StrategyState | null = null;
    if (request.resume === undefined) {
      const mean = Float64Array.from(indices, (i) => model.params.vector[i]);
      if (task.kind === 'objective' && request.model === undefined && task.initialPoint !== undefined) mean.set(task.initialPoint);
      const sigma = task.kind === 'objective' ? (task.sigma ?? task.initialSigma ?? 1) : 0.1;
      // A `mean` in strategyConfig (the older form) overrides the model's weights.
      const { mean: configMean, ...strategyConfig } = this.config.strategyConfig;
      initial = strategy.init(
        (configMean as ArrayLike<number> | undefined) ?? mean,
        { sigma, ...strategyConfig },
        request.rng.fork('strategy'),
      );
    }
    const base = Float32Array.from(model.params.vector);
    const evaluator = this.evaluator(task, model, evalSeed, request, base, indices);
    const toVector = (x: Float64Array): Float32Array => {
      const v = Float32Array.from(base);
      for (let k = 0; k < indices.length; k++) v[indices[k]] = x[k];
      return v;
    };
    const heldOut = (x: Float64Array, split: 'validation' | 'test'): Metrics => {
      model.params.vector.set(toVector(x));
      return heldOutMetrics(task, model, evalSeed, split, this.config.evaluationEpisodes);
    };
    // The next generation is asked once, when its cost is predicted, and evaluated by the step
    // (ask is a pure function of the state, so a resumed run asks the same).
    let pending: { from: StrategyState; asked: ReturnType<ErasedStrategy['ask']> } | null = null;
    const askFor = (state: StrategyState) => {
      if (pending?.from !== state) pending = { from: state, asked: strategy.ask(state) };
      return pending.asked;
    };
    const episodes = this.config.fitness.episodes;
    // Control: the episode step limit of a generation of `lambda` candidates, from what is left of
    // an evaluations cap (see horizon.ts: rollouts truncated by the budget, never past the cap).
    const horizonOf = (lambda: number, left: number | undefined): GenerationHorizon | null =>
      task.kind === 'control' ? generationHorizon(left, task.maxSteps, lambda * episodes) : null;
    // One candidate's evaluations: samples of the fitness batch, one objective value, or (an upper
    // bound, since episodes end early) every episode running to the generation's horizon.
    const candidateEvaluations = (horizon: GenerationHorizon | null): number => {
      if (task.kind === 'objective') return 1;
      if (task.kind === 'control') return episodes * (horizon?.horizon ?? task.maxSteps);
      const n = task.train.x.shape[0] ?? 0;
      const b = this.config.fitnessBatchSize;
      return b !== undefined && b < n ? b : n;
    };
    // One candidate's kernel FLOPs (control: per environment step), probed once in this thread on a
    // copy of the model (not charged). With worker threads the task may not be safe to run here: the
    // loop predicts FLOPs from the generations so far instead.
    let perCandidate: CandidateCost | null = null;
    const probe = (state: StrategyState, candidate: Float64Array): CandidateCost => {
      const ctx: EvaluationContext = { task, model: model.clone(), fitness: this.fitness, evalSeed, behaviour: novelty !== undefined };
      const { results, flops } = evaluateCandidates(ctx, state.generation, [toVector(candidate)]);
      const ran = results[0]?.evaluations ?? 0;
      return { evaluations: ran, flops: task.kind === 'control' ? (ran > 0 ? flops / ran : 0) : flops };
    };
    // Exact caps: a whole generation is started only if it fits at worst case; on control tasks its
    // episodes are first shortened to fit an evaluations cap where one step per episode still does.
    const nextStepCost = (run: RunState, _step: number, remaining: Remaining) => {
      const asked = askFor(run.strategy);
      const lambda = asked.candidates.length;
      const horizon = horizonOf(lambda, remaining.evaluations);
      // Not one step per episode fits: declare the smallest generation (one step each), which the loop refuses.
      const perCandidateEvaluations = horizon?.horizon === 0 ? episodes : candidateEvaluations(horizon);
      const first = asked.candidates[0];
      const counted = { generations: 1, evaluations: lambda * perCandidateEvaluations };
      if (first === undefined || this.config.workers > 0 || this.options.executor !== undefined) return counted;
      perCandidate ??= probe(run.strategy, first);
      const candidateFlops = task.kind === 'control' ? perCandidate.flops * perCandidateEvaluations : perCandidate.flops;
      return { ...counted, flops: strategy.flopsPerGeneration(model.params.size, lambda, run.strategy) + lambda * candidateFlops };
    };
    // One generation: ask → evaluate (here or on workers) → tell → report.
    const step = async (run: RunState, meter: CostMeter, remaining: Remaining): Promise<StepOutcome> => {
      const state = run.strategy;
      const asked = askFor(state);
      const vectors = asked.candidates.map(toVector);
      // The same horizon nextStepCost declared (the same state and remaining).
      const horizon = horizonOf(vectors.length, remaining.evaluations);
      const cut = horizon?.truncated === true ? horizon.horizon : undefined;
      // An in-thread evaluator computes during this call, inside the measured part of the step;
      // a remote one reports the FLOPs its workers did.
      const recipe = strategy.id === 'openai-es' ? openAiEsRecipe(asked.state as unknown as OpenAiEsState) : null;
      const { results, flops } = await meter.measure(() => evaluator.evaluate(state.generation, vectors, recipe, cut));
      // No meter counts across an await: the rest of the generation is measured again.
      return meter.measure((): StepOutcome => {
        if (evaluator.remote) meter.addFlops(flops);
        meter.addFlops(strategy.flopsPerGeneration(vectors[0]?.length ?? 0, vectors.length, state));
        const fitness = results.map((r) => r.fitness);
        meter.addEvaluations(results.reduce((s, r) => s + r.evaluations, 0));
        meter.addGenerations(1);
        if (!fitness.some(Number.isFinite)) {
          const at = state.generation + 1;
          return {
            end: {
              status: 'diverged',
              reason: `all ${fitness.length} candidates had a non-finite fitness in generation ${at}`,
              divergedAtStep: at,
            },
          };
        }
        // Novelty search: the strategy is told −score (lower is better there), score = sparseness of
        // the behaviours (eq. 1) or its mix with the fitness (higher is better, hence −loss).
        const searched =
          run.novelty === undefined
            ? null
            : noveltyStep(
                run.novelty,
                results.map((r) => r.behaviour ?? []),
                fitness.map((f) => -f),
              );
        const told = strategy.tell(asked.state, asked.candidates, searched === null ? fitness : Array.from(searched.scores, (v) => -v));
        // Fitness over truncated episodes is not comparable with full ones: it moves the search
        // distribution but does not replace a best-so-far (see horizon.ts). Under novelty search the
        // strategy's best is the most novel; the best kept is the fittest, as without it.
        const next =
          cut !== undefined && Number.isFinite(state.bestFitness)
            ? { ...told, best: state.best, bestFitness: state.bestFitness }
            : searched === null
              ? told
              : { ...told, ...fittest(state, asked.candidates, fitness) };
        run.strategy = next;
        if (searched !== null) run.novelty = searched.state;
        if (!strategy.mean(next).every(Number.isFinite)) {
          return {
            end: {
              status: 'diverged',
              reason: `the search distribution's mean became non-finite in generation ${next.generation}`,
              divergedAtStep: next.generation,
            },
          };
        }
        const finite = fitness.filter(Number.isFinite);
        const bestIndex = fitness.indexOf(finite.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY));
        const metrics: Record<string, number> = {
          loss: fitness[bestIndex],
          'fitness.best': next.bestFitness,
          'fitness.mean': finite.reduce((s, f) => s + f, 0) / finite.length,
        };
        // Training metrics are those of the generation's best candidate on its fitness data.
        const bestAccuracy = results[bestIndex].accuracy;
        if (bestAccuracy !== undefined) metrics.accuracy = bestAccuracy;
        if (task.kind === 'control') metrics.return = -metrics.loss;
        if (cut !== undefined) metrics.horizon = cut;
        if (task.kind === 'objective') metrics.objective = metrics.loss;
        if (searched !== null) {
          metrics['novelty.archive'] = searched.state.archived;
          metrics['novelty.threshold'] = searched.state.threshold;
          metrics['novelty.best'] = searched.novelty.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
        }
        if (next.generation % this.config.validateEvery === 0 || task.kind === 'objective') {
          // Monitoring is not charged.
          const held = meter.unmetered(() => heldOut(this.pick(next), 'validation'));
          for (const [k, v] of Object.entries(held)) metrics[`val.${k}`] = v;
        }
        if (cut === undefined || task.kind !== 'control') return { metrics };
        const warning = `generation ${next.generation}: rollouts truncated by the budget at ${cut} steps (task limit ${task.maxSteps}), so the ${vectors.length} × ${episodes} episodes fit the ${remaining.evaluations} evaluations left`;
        return { metrics, events: [{ type: 'warning', step: next.generation, message: warning }] };
      });
    };

    try {
      return await runTrainingLoop<RunState>(request, {
        trainerId: this.id,
        init: () => ({ strategy: initial as StrategyState, ...(novelty === undefined ? {} : { novelty: initNovelty(novelty) }) }),
        restore: (raw) => {
          const saved = raw as TrainerState;
          return {
            strategy: decodeState(saved.strategy) as StrategyState,
            ...(saved.novelty === undefined ? {} : { novelty: structuredClone(saved.novelty) }),
          };
        },
        snapshot: (run) => snapshotOf(run),
        step: (run, ctx) => step(run, ctx.meter, ctx.remaining),
        nextStepCost,
        stepOf: (run) => run.strategy.generation,
        finished: (run) =>
          run.strategy.stop === null ? null : { status: 'budget-exhausted', reason: `strategy stopped: ${run.strategy.stop}` },
        reasons: (stop, run) => {
          if (stop.kind === 'aborted') return 'aborted by signal';
          if (stop.kind === 'target') return `target ${budget.target?.metric} reached`;
          if (stop.nextStep === undefined) return `budget: ${stop.cap}`;
          const left = (budget[stop.cap] ?? 0) - stop.cost[stop.cap];
          const lambda = askFor(run.strategy).candidates.length;
          if (stop.cap === 'evaluations' && horizonOf(lambda, left)?.horizon === 0) return horizonRefusal(left, lambda, episodes);
          return `budget: ${stop.cap} (the next generation would spend ${stop.nextStep}, ${left} left)`;
        },
        // Yield so an AbortSignal (or a UI) gets a turn between generations.
        yieldEveryMs: 0,
        checkWeights: false,
        checkMetrics: false,
        model: (run) => {
          model.params.vector.set(toVector(this.pick(run.strategy)));
          return model;
        },
        finalMetrics: (_, run, status) => (status === 'diverged' ? {} : heldOut(this.pick(run.strategy), 'test')),
        extras: (run, { cost, history }) => ({
          strategy: strategy.id,
          generations: run.strategy.generation,
          bestFitness: run.strategy.bestFitness,
          strategyStop: run.strategy.stop,
          checkpoint: {
            trainerId: this.id,
            step: run.strategy.generation,
            cost,
            history: [...history],
            state: snapshotOf(run),
          } satisfies Checkpoint,
        }),
      });
    } finally {
      await evaluator.close();
    }
  }

  /** What workers (threads or other machines) rebuild the task and model from. */
  private contextSpec(task: Task, model: Model, evalSeed: string): WorkerContextSpec {
    const taskSpec = task.spec;
    if (taskSpec === undefined) {
      throw new EvolutionError(
        `${this.id}.fit`,
        'a task with a spec (tasks from @evoprop/tasks have one) when evaluating on workers',
        `task '${task.id}' without spec`,
      );
    }
    return {
      taskSpec,
      taskFactory: this.config.taskFactory,
      modelSpec: model.spec,
      paramCount: model.params.size,
      fitness: this.fitness,
      evalSeed,
      ...(this.config.novelty === undefined ? {} : { behaviour: true }),
    };
  }

  private pick(state: StrategyState): Float64Array {
    return this.config.result === 'best' && Number.isFinite(state.bestFitness) ? state.best : this.strategy.mean(state);
  }

  private evaluator(
    task: Task,
    model: Model,
    evalSeed: string,
    request: FitRequest,
    base: Float32Array,
    indices: Int32Array,
  ): PopulationEvaluator {
    if (this.options.executor !== undefined) {
      return remoteEvaluator(this.options.executor, {
        context: this.contextSpec(task, model, evalSeed),
        base,
        indices,
        name: `evolution-${globalThis.crypto.randomUUID()}`,
      });
    }
    if (this.config.workers === 0) {
      const ctx: EvaluationContext = {
        task,
        model: model.clone(),
        fitness: this.fitness,
        evalSeed,
        ...(this.config.novelty === undefined ? {} : { behaviour: true }),
      };
      return inProcessEvaluator(ctx);
    }
    return workerPoolEvaluator({
      task,
      workers: this.config.workers,
      maxRetries: this.config.maxRetries,
      context: this.contextSpec(task, model, evalSeed),
      onRetry: (generation, chunk, attempt, error) =>
        request.onEvent?.({
          type: 'warning',
          step: generation,
          message: `worker failed on chunk ${chunk} (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}; retrying`,
        }),
    });
  }
}

/** A checkpoint's state: the strategy's (typed arrays tagged) and a copy of the novelty archive. */
function snapshotOf(run: RunState): TrainerState {
  return {
    strategy: encodeState(run.strategy),
    ...(run.novelty === undefined ? {} : { novelty: structuredClone(run.novelty) }),
  };
}

/** The best-so-far by fitness (lower is better): the state's, or this generation's fittest finite candidate. */
function fittest(
  state: StrategyState,
  candidates: readonly Float64Array[],
  fitness: readonly number[],
): { best: Float64Array; bestFitness: number } {
  let best = state.best;
  let bestFitness = state.bestFitness;
  fitness.forEach((f, i) => {
    if (Number.isFinite(f) && f < bestFitness) {
      bestFitness = f;
      best = Float64Array.from(candidates[i] as Float64Array);
    }
  });
  return { best, bestFitness };
}

function defaultModel(task: Task, config: ParsedEvolutionTrainerConfig, rng: Rng): Model {
  const hidden = config.model.hidden;
  const activation = config.model.activation;
  switch (task.kind) {
    case 'supervised':
      return mlp({ inputSize: task.inputShape.reduce((a, b) => a * b, 1), hidden, outputSize: task.outputSize, activation }, rng);
    case 'control':
      return mlp({ inputSize: task.observationSize, hidden, outputSize: task.actionSize, activation }, rng);
    case 'objective':
      return new VectorModel(task.dimension, task.initialPoint);
  }
}

/** Metrics of the current solution on held-out data: the validation/test split, fixed held-out episodes, or f(x). */
function heldOutMetrics(task: Task, model: Model, evalSeed: string, split: 'validation' | 'test', episodes: number): Metrics {
  switch (task.kind) {
    case 'supervised':
      return evaluateModel(model, task[split], task);
    case 'control': {
      const seeds = episodeSeeds(`${evalSeed}/held-out-${split}`, 0, episodes);
      let total = 0;
      let steps = 0;
      noGrad(() => {
        for (const seed of seeds) {
          const r = runEpisode(model, task, seed);
          total += r.fitness;
          steps += r.steps;
        }
      });
      return { return: total / seeds.length, steps: steps / seeds.length };
    }
    case 'objective':
      return { objective: task.evaluate(model.params.vector) };
  }
}
