/**
 * `NeatTrainer`: NEAT behind the common `Trainer` contract. One step is one generation:
 * evaluate every genome, report the best-so-far network's metrics, reproduce.
 *
 * Fitness (maximised, as in the paper): supervised tasks use −loss (or accuracy) on the
 * train split; control tasks the mean episode fitness (the task's `episodeFitness`, e.g.
 * Gruau's damping fitness, or the return) over `episodes` seeded episodes that every
 * genome of a generation shares. The whole state (population, best genome, RNG state)
 * is plain data, so checkpoints resume bit-identically.
 */
import {
  type Executor,
  type ControlTask,
  type CostMeter,
  type FitRequest,
  type FitResult,
  type Metrics,
  type SupervisedTask,
  type Trainer,
  accuracy,
  lossFor,
} from '@evoprop/core';
import { parseConfig } from '@evoprop/core/config';
import { type TrainerDefinition, defineTrainer } from '@evoprop/core/registry';
import { type Remaining, type StepOutcome, runTrainingLoop } from '@evoprop/core/training';
import { type Rng, noGrad } from '@evoprop/tensor';
import { z } from 'zod';
import { type NeatConfig, type NeatConfigOverrides, type NeatPreset, neatConfig } from './config.js';
import { taskFactorySchema } from '../trainer/rebuild-task.js';
import type { NeatTaskFactoryRef } from './neat-worker.js';
import { type Genome, enabledCount, hiddenCount } from './genome.js';
import { NeatModel, planOptionsOf } from './model.js';
import { NeatNetwork, type PlanOptions } from './network.js';
import { type NeatEvaluator, inThreadNeatEvaluator, workerNeatEvaluator } from './evaluator.js';
import type { NeatWorkerResult } from './neat-worker.js';
import { type NeatRemoteJob, remoteNeatEvaluator } from './remote.js';
import { neatGenerationCost } from './generation-cost.js';
import { type GenerationHorizon, generationHorizon, horizonRefusal } from '../trainer/horizon.js';
import { type NeatFitness, type ScoringOptions, flatRows, runNeatEpisode } from './scoring.js';
import { type NeatPopulationState, evolveGeneration, initNeatPopulation, seedNeatPopulation } from './population.js';
import {
  type NoveltyConfig,
  type NoveltyState,
  type ParsedNoveltyConfig,
  initNovelty,
  noveltyConfigSchema,
  noveltyStep,
} from '../novelty/novelty.js';

/** A `NeatTrainer`'s settings, all optional (defaults in brackets). */
export interface NeatTrainerConfig {
  /** Starting values: 'paper' is section 4.1, 'paper-dpnv' the double-pole-without-velocities variant, 'cppn' CPPN-NEAT (Stanley 2007) ['paper']. */
  preset?: NeatPreset;
  /** Overrides of the preset, deep-merged then checked: unknown keys fail with a suggestion [{}]. */
  neat?: NeatConfigOverrides | Record<string, unknown>;
  /** Supervised fitness: accuracy with a likelihood tie-break, −loss, or the paper's (S − Σ|output − target|)² ['accuracy']. */
  fitness?: NeatFitness;
  /** Control: episodes per genome per generation, integer ≥ 1 [1]. */
  episodes?: number;
  /** Worker threads scoring the population; 0 scores in this thread; any count gives the same bytes [0]. */
  workers?: number;
  /** Where workers get the task from its spec [@evoprop/tasks' createTaskFromSpec]. */
  taskFactory?: NeatTaskFactoryRef;
  /**
   * Novelty search (Lehman & Stanley 2011) instead of the fitness: genomes reproduce by the
   * sparseness of their behaviour (control tasks: the task's `episodeBehaviour`; supervised: the
   * outputs on the training rows), optionally mixed with fitness (`fitnessWeight`). The best genome
   * is still the one of highest fitness [off].
   */
  novelty?: NoveltyConfig;
}

/** A parsed `NeatTrainerConfig`: every field filled in. */
export type NeatTrainerOptions = Readonly<{
  /** The preset. */
  preset: NeatPreset;
  /** Overrides of the preset. */
  neat: Record<string, unknown>;
  /** Supervised fitness. */
  fitness: NeatFitness;
  /** Control episodes per genome per generation. */
  episodes: number;
  /** Worker threads (0 = this thread). */
  workers: number;
  /** Where workers get the task from its spec. */
  taskFactory: NeatTaskFactoryRef;
  /** Novelty search settings, or undefined for plain fitness. */
  novelty?: ParsedNoveltyConfig;
}>;

/** The zod schema of `NeatTrainerConfig` (defaults filled in, unknown keys rejected). */
export const neatTrainerConfigSchema: z.ZodType<NeatTrainerOptions, NeatTrainerConfig> = z.strictObject({
  /** Starting values; 'paper' is section 4.1, 'paper-dpnv' the double-pole-without-velocities variant. */
  preset: z.enum(['paper', 'paper-dpnv', 'cppn']).default('paper'),
  /** Overrides of the preset (deep-merged, then checked: unknown keys fail with a suggestion). */
  neat: z.record(z.string(), z.unknown()).default({}),
  /** Supervised fitness: accuracy with a likelihood tie-break (default; −loss for regression), −loss, or the paper's (S − Σ|output − target|)² ('error'). */
  fitness: z.enum(['loss', 'accuracy', 'error']).default('accuracy'),
  /** Control: episodes per genome per generation. */
  episodes: z.number().int().positive().default(1).meta({ unit: 'episodes' }),
  /** Worker threads scoring the population; 0 scores in this thread. Any count gives the same bytes. */
  workers: z.number().int().nonnegative().default(0).meta({ unit: 'threads' }),
  /** Where workers get the task from its spec. */
  taskFactory: taskFactorySchema,
  /** Novelty search (Lehman & Stanley 2011): k, the archive threshold and its adaptation, the fitness weight. Off when absent. */
  novelty: noveltyConfigSchema.optional(),
});

/** Bad input to the trainer (a task kind it cannot train, a starting model that is not a NEAT network). */
export class NeatTrainerError extends Error {
  /** Always 'NeatTrainerError'. */
  override name = 'NeatTrainerError';
}

/** The best genome a `NeatTrainer` has found, with the metrics it was scored with. */
export type NeatTrainerBest = {
  /** The genome. */
  genome: Genome;
  /** Its fitness. */
  fitness: number;
  /** The generation it was scored in. */
  generation: number;
  /** Its metrics then. */
  metrics: Metrics;
  /** Control: the episode step limit it was scored with when its generation was truncated by the budget (absent: the task's). */
  horizon?: number;
};

/** A `NeatTrainer` checkpoint's state (plain data). */
export type NeatTrainerState = Readonly<{
  /** The population. */
  population: NeatPopulationState;
  /** The best genome so far, or null. */
  best: NeatTrainerBest | null;
  /** The novelty archive, when novelty search is on. */
  novelty?: NoveltyState;
}>;

export class NeatTrainer implements Trainer {
  readonly id: string;
  /** The parsed NEAT configuration (preset plus overrides). */
  readonly config: NeatConfig;
  private readonly options: NeatTrainerOptions;

  constructor(
    config: NeatTrainerConfig = {},
    id = 'neat',
    /** Not-data options: `executor` scores every generation on it (a queue executor whose workers run `remoteNeatScoringHandler()`) instead of `workers` threads; it stays open after `fit`. */
    private readonly remote: Readonly<{ executor?: Executor<NeatRemoteJob, NeatWorkerResult> }> = {},
  ) {
    this.options = parseConfig(neatTrainerConfigSchema, config, `${id} config`);
    this.config = neatConfig(this.options.preset, this.options.neat as NeatConfigOverrides);
    this.id = id;
  }

  async fit(request: FitRequest): Promise<FitResult> {
    const { task, budget } = request;
    if (task.kind === 'objective')
      throw new NeatTrainerError(`NeatTrainer: expected a supervised or control task, got objective task '${task.id}'`);
    const inputs = task.kind === 'supervised' ? task.inputShape.reduce((a, b) => a * b, 1) : task.observationSize;
    const outputs = task.kind === 'supervised' ? task.outputSize : task.actionSize;
    const plan = planOptionsOf(this.config);
    const resume = request.resume;
    if (resume !== undefined && resume.trainerId !== this.id)
      throw new NeatTrainerError(`NeatTrainer.fit: expected a checkpoint of '${this.id}', got one of '${resume.trainerId}'`);
    const fresh = (): NeatTrainerState => {
      const rng = request.rng.fork('neat/population');
      let population: NeatPopulationState;
      if (request.model === undefined) population = initNeatPopulation(this.config, inputs, outputs, rng);
      else {
        if (!(request.model instanceof NeatModel))
          throw new NeatTrainerError(`NeatTrainer: expected a starting NeatModel, got a '${request.model.spec.kind}' model`);
        if (request.model.inputs !== inputs || request.model.outputs !== outputs) {
          throw new NeatTrainerError(
            `NeatTrainer: expected a starting model with ${inputs} inputs and ${outputs} outputs, got ${request.model.inputs} and ${request.model.outputs}`,
          );
        }
        population = seedNeatPopulation(this.config, request.model.toGenome(), rng);
      }
      const novelty = this.options.novelty;
      return { population, best: null, ...(novelty === undefined ? {} : { novelty: initNovelty(novelty) }) };
    };
    // Built before the loop starts, so a bad starting model fails before any thread is spawned.
    const initial = resume === undefined ? fresh() : null;
    const evalRng = request.rng.fork('neat/evaluation');
    const novelty = this.options.novelty !== undefined;
    if (novelty && task.kind === 'control' && task.episodeBehaviour === undefined)
      throw new NeatTrainerError(
        `NeatTrainer: novelty search expected a control task with an episodeBehaviour (what an episode did, as a vector), got task '${task.id}' without one`,
      );
    const scoring: ScoringOptions = {
      plan,
      fitness: this.options.fitness,
      episodes: this.options.episodes,
      evalSeed: evalRng.seed,
      ...(novelty ? { behaviour: true } : {}),
    };
    const evaluator = this.evaluator(task, scoring);

    // One generation: score every genome (here or on workers), keep the best so far, reproduce.
    // Control: the episode step limit of the next generation, from what is left of an evaluations cap
    // (rollouts truncated by the budget, never past the cap; see trainer/horizon.ts).
    const horizonOf = (genomes: number, left: number | undefined): GenerationHorizon | null =>
      task.kind === 'control' ? generationHorizon(left, task.maxSteps, genomes * scoring.episodes) : null;
    const step = async (run: { state: NeatTrainerState }, meter: CostMeter, step: number, remaining: Remaining): Promise<StepOutcome> => {
      const state = run.state;
      const generation = state.population.generation;
      // The same horizon nextStepCost declared (the same state and remaining).
      const horizon = horizonOf(state.population.genomes.length, remaining.evaluations);
      const cut = horizon?.truncated === true ? horizon.horizon : undefined;
      // In this thread the genomes are scored during this call, inside the measured part of the
      // step; workers report the FLOPs they did.
      const evaluated = await meter.measure(() => evaluator.evaluate(generation, state.population.genomes, cut));
      // No meter counts across an await: the rest of the generation is measured again.
      return meter.measure((): StepOutcome => {
        const scores = evaluated.scores;
        if (evaluator.remote) meter.addFlops(evaluated.flops);
        meter.addEvaluations(scores.reduce((s, x) => s + x.evaluations, 0));
        meter.addGenerations(1);
        const bad = scores.findIndex((s) => !Number.isFinite(s.fitness));
        if (bad >= 0) {
          // Recorded in the history (with the cost spent), not emitted.
          return {
            metrics: {},
            silent: true,
            end: {
              status: 'diverged',
              reason: `genome ${bad} of generation ${generation} has a non-finite fitness (${scores[bad]?.fitness}); loss ${scores[bad]?.metrics.loss}`,
              divergedAtStep: step,
            },
          };
        }
        let best = state.best;
        scores.forEach((s, i) => {
          // Fitness is compared only at an equal or longer horizon than the best's: an episode cut
          // shorter can look better (negative rewards) or worse than it is (see trainer/horizon.ts).
          if (
            best === null ||
            ((cut ?? Number.POSITIVE_INFINITY) >= (best.horizon ?? Number.POSITIVE_INFINITY) && s.fitness > best.fitness)
          )
            best = {
              genome: state.population.genomes[i] as Genome,
              fitness: s.fitness,
              generation,
              metrics: s.metrics,
              ...(cut === undefined ? {} : { horizon: cut }),
            };
        });
        // Novelty search: reproduction follows the sparseness of the behaviours (eq. 1), not the fitness.
        const searched =
          state.novelty === undefined
            ? null
            : noveltyStep(
                state.novelty,
                scores.map((s) => s.behaviour ?? []),
                scores.map((s) => s.fitness),
              );
        const next = evolveGeneration(state.population, searched === null ? scores.map((s) => s.fitness) : Array.from(searched.scores));
        run.state = {
          population: next.state,
          best: structuredClone(best),
          ...(searched === null ? {} : { novelty: searched.state }),
        };
        const b = run.state.best as NeatTrainerBest;
        const metrics: Metrics = {
          ...(searched === null ? {} : { 'novelty.archive': searched.state.archived, 'novelty.threshold': searched.state.threshold }),
          ...(cut === undefined ? {} : { horizon: cut }),
          ...b.metrics,
          fitness: b.fitness,
          'generation.bestFitness': next.report.bestFitness,
          'generation.meanFitness': next.report.meanFitness,
          species: next.report.species,
          hiddenNodes: hiddenCount(b.genome),
          connections: enabledCount(b.genome),
          // Under novelty search the report's numbers are novelty scores; the fitness is what a reader wants.
          ...(searched === null
            ? {}
            : {
                'generation.bestFitness': scores.reduce((m, s) => Math.max(m, s.fitness), Number.NEGATIVE_INFINITY),
                'generation.meanFitness': scores.reduce((t, s) => t + s.fitness, 0) / scores.length,
                'generation.bestNovelty': searched.novelty.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY),
              }),
        };
        return { metrics };
      });
    };
    const bestGenome = (state: NeatTrainerState): Genome => state.best?.genome ?? (state.population.genomes[0] as Genome);

    try {
      return await runTrainingLoop<{ state: NeatTrainerState }>(request, {
        trainerId: this.id,
        init: () => ({ state: initial as NeatTrainerState }),
        restore: (raw) => ({ state: raw as NeatTrainerState }),
        snapshot: (run) => structuredClone(run.state),
        step: (run, ctx) => step(run, ctx.meter, ctx.step, ctx.remaining),
        // Exact caps: a generation that does not fit is not started.
        nextStepCost: (run, _, remaining) => {
          const genomes = run.state.population.genomes;
          const horizon = horizonOf(genomes.length, remaining.evaluations);
          // Not one step per episode fits: declare the smallest generation (one step each), which the loop refuses.
          return neatGenerationCost(
            genomes,
            task,
            scoring,
            run.state.population.generation,
            horizon === null ? undefined : Math.max(1, horizon.horizon),
          );
        },
        reasons: (stop, run) => {
          switch (stop.kind) {
            case 'aborted':
              return `aborted: ${String(stop.signal.reason instanceof Error ? stop.signal.reason.message : stop.signal.reason)}`;
            case 'budget': {
              const left = (budget[stop.cap] ?? 0) - stop.cost[stop.cap];
              const genomes = run.state.population.genomes.length;
              if (stop.nextStep !== undefined && stop.cap === 'evaluations' && horizonOf(genomes, left)?.horizon === 0)
                return horizonRefusal(left, genomes, scoring.episodes);
              return stop.nextStep === undefined
                ? `${stop.cap} budget of ${budget[stop.cap]} spent`
                : `${stop.cap} budget of ${budget[stop.cap]}: the next generation would spend ${stop.nextStep}, ${left} left`;
            }
            case 'target':
              return `${budget.target?.metric} reached ${stop.metrics[budget.target?.metric ?? '']}`;
          }
        },
        // Let an AbortSignal fired from an event handler or a timer be seen.
        yieldEveryMs: 0,
        checkWeights: false,
        checkMetrics: false,
        model: (run) => new NeatModel(bestGenome(run.state), plan),
        finalMetrics: (model) => this.finalMetrics(model as NeatModel, task, plan, evalRng),
        extras: (run) => {
          const genome = bestGenome(run.state);
          return {
            hiddenNodes: hiddenCount(genome),
            connections: enabledCount(genome),
            species: run.state.population.species.length,
            genome,
          };
        },
      });
    } finally {
      await evaluator.close();
    }
  }

  private evaluator(task: SupervisedTask | ControlTask, scoring: ScoringOptions): NeatEvaluator {
    if (this.options.workers === 0 && this.remote.executor === undefined) return inThreadNeatEvaluator(task, scoring);
    const taskSpec = task.spec;
    if (taskSpec === undefined)
      throw new NeatTrainerError(
        `NeatTrainer: expected a task with a spec (tasks from @evoprop/tasks have one) when workers > 0, got task '${task.id}' without one`,
      );
    const context = { taskSpec, taskFactory: this.options.taskFactory, scoring };
    if (this.remote.executor !== undefined)
      return remoteNeatEvaluator(this.remote.executor, context, `neat-${globalThis.crypto.randomUUID()}`);
    return workerNeatEvaluator(this.options.workers, context, task);
  }

  private finalMetrics(model: NeatModel, task: SupervisedTask | ControlTask, plan: PlanOptions, evalRng: Rng): Metrics {
    if (task.kind === 'supervised') {
      return noGrad(() => {
        const out = model.forward(flatRows(task.test.x));
        const m: Record<string, number> = { loss: lossFor(task.loss)(out, task.test.y).item() };
        if (task.problem === 'classification') m.accuracy = accuracy(out, task.test.y);
        return m;
      });
    }
    const net = NeatNetwork.fromGenome(model.toGenome(), plan);
    const r = runNeatEpisode(net, task, evalRng.fork('final').int(0, 2 ** 31 - 1));
    return { return: r.returnSum, episodeFitness: r.fitness };
  }
}

/** The trainer definition the arena and plugins find NEAT by. */
export const neatTrainer: TrainerDefinition<typeof neatTrainerConfigSchema> = defineTrainer({
  id: 'neat',
  description: 'NEAT (Stanley & Miikkulainen 2002): evolves topology and weights with historical markings, speciation and fitness sharing.',
  configSchema: neatTrainerConfigSchema,
  // Around the paper's values (p. 113): δt 3.0, 150 genomes, add-node 0.03, add-link 0.05; the
  // weight perturbation power is NEAT C++'s knob (2.5; 3.5 here).
  searchSpace: {
    'neat.compatibility.threshold': { scale: 'linear', low: 1, high: 6 },
    'neat.populationSize': { scale: 'log', low: 50, high: 300, integer: true },
    'neat.mutation.addNodeProbability': { scale: 'log', low: 0.01, high: 0.1 },
    'neat.mutation.addConnectionProbability': { scale: 'log', low: 0.02, high: 0.3 },
    'neat.mutation.perturbPower': { scale: 'linear', low: 0.5, high: 4 },
  },
  create: (config) => new NeatTrainer(config),
});

/** `{ neat: neatTrainer }`, for a registry. */
export const neatTrainers: Readonly<Record<'neat', TrainerDefinition<typeof neatTrainerConfigSchema>>> = { neat: neatTrainer };
