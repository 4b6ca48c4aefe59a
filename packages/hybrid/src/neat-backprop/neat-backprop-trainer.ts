/**
 * NEAT + backprop: NEAT (Stanley & Miikkulainen 2002) evolves the topologies, and every
 * phenotype's connection weights are trained by k gradient steps through the fused,
 * differentiable NEAT op of @evoprop/evolution before it is scored. In the default
 * Lamarckian mode the trained weights are written back into the genome's enabled
 * connection genes (clamped to NEAT's weight limit), so offspring inherit them; the
 * Baldwinian mode scores the trained network but keeps the genes. Whiteson & Stone,
 * "Evolutionary Function Approximation for Reinforcement Learning", JMLR 7 (2006),
 * §4 (NEAT+Q) compare the two modes (p. 893–894); Chen & Alahi, "Neuroevolution of
 * Augmenting Topologies with Learning..." and "Backprop NEAT" are the supervised variants.
 *
 * One step is one generation: train and score every genome, then reproduce.
 */
import {
  type FitRequest,
  type FitResult,
  type Metrics,
  type SupervisedTask,
  type Trainer,
  accuracy,
  evaluateModel,
  lossFor,
} from '@evoprop/core';
import { parseConfig } from '@evoprop/core/config';
import { type StepContext, decodeState, encodeState, runTrainingLoop } from '@evoprop/core/training';
import {
  type Genome,
  type NeatConfig,
  type NeatConfigOverrides,
  NeatModel,
  type NeatPopulationState,
  type PlanOptions,
  enabledCount,
  evolveGeneration,
  hiddenCount,
  initNeatPopulation,
  neatConfig,
  planOptionsOf,
  seedNeatPopulation,
} from '@evoprop/evolution/neat';
import { noGrad, portableMath } from '@evoprop/tensor';
import { HybridError } from '../errors.js';
import { batchRows, miniBatch, requireSupervised } from '../shared/supervised.js';
import { type CompactionFloor, compactOnce, floorOf, polishOnce, trainingMetrics } from './compact.js';
import { activeHiddenCount, pruneGenome } from './prune.js';
import { type NeatBackpropConfig, type ParsedNeatBackpropConfig, neatBackpropConfigSchema } from './config.js';
import { trainGenome } from './train-genome.js';

/** `fitness` is the raw score (before the parsimony penalty), re-penalised with the current λ when compared. */
type Best = { genome: Genome; fitness: number; generation: number; metrics: Metrics };
/** Compaction progress: the floor fixed when it started, whether a round has kept nothing yet, connections removed. */
type Compaction = { floor: CompactionFloor; done: boolean; removed: number };
type NeatBackpropState = { population: NeatPopulationState; best: Best | null; compaction?: Compaction };

export class NeatBackpropTrainer implements Trainer {
  readonly id = 'neat-backprop';
  /** The parsed config (defaults filled in). */
  readonly config: ParsedNeatBackpropConfig;
  /** The resolved NEAT config: the preset with `config.neat` merged in (population 50 unless set). */
  readonly neat: NeatConfig;

  constructor(config: NeatBackpropConfig = {}) {
    this.config = parseConfig(neatBackpropConfigSchema, config, 'neat-backprop config');
    this.neat = neatConfig(this.config.preset, { populationSize: 50, ...(this.config.neat as NeatConfigOverrides) });
  }

  async fit(request: FitRequest): Promise<FitResult> {
    const task = requireSupervised(request.task, 'neat-backprop.fit');
    if (task.inputShape.length !== 1) {
      throw new HybridError(
        'neat-backprop.fit',
        'a task with flat inputs [features] (use layout "flat" for images)',
        `input shape [${task.inputShape.join(', ')}]`,
      );
    }
    const config = this.config;
    const neat = this.neat;
    const plan = planOptionsOf(neat);
    const inputs = task.inputShape[0] as number;
    const limit = neat.mutation.weightLimit;
    const lamarckian = config.mode === 'lamarckian';
    if (request.model !== undefined) {
      if (!(request.model instanceof NeatModel))
        throw new HybridError('neat-backprop.fit', 'a starting NeatModel (or none)', `a '${request.model.spec.kind}' model`);
      if (request.model.inputs !== inputs || request.model.outputs !== task.outputSize) {
        throw new HybridError(
          'neat-backprop.fit',
          `a starting model with ${inputs} inputs and ${task.outputSize} outputs`,
          `${request.model.inputs} and ${request.model.outputs}`,
        );
      }
    }

    const trainRows = task.train.x.shape[0] as number;
    // One genome: its refinement batches and its fitness batch.
    const perGenome =
      config.refinement.steps * batchRows(trainRows, config.refinement.batchSize) + batchRows(trainRows, config.fitnessBatchSize);
    return runTrainingLoop<NeatBackpropState>(request, {
      trainerId: this.id,
      // Exact caps: a generation that does not fit is not started (FLOPs, and compaction steps: predicted from the steps so far).
      nextStepCost: (s) => {
        const compacting = config.compaction !== null && s.best !== null && s.population.generation >= config.compaction.startGeneration;
        if (compacting) return { generations: 1 };
        const genomes = s.population.genomes.length;
        return { generations: 1, evaluations: genomes * perGenome, gradientSteps: genomes * config.refinement.steps };
      },
      init: () => {
        const rng = request.rng.fork('neat/population');
        const start = request.model;
        const population =
          start instanceof NeatModel
            ? seedNeatPopulation(neat, start.toGenome(), rng)
            : initNeatPopulation(neat, inputs, task.outputSize, rng);
        return { population, best: null };
      },
      snapshot: (s) => encodeState(s),
      restore: (raw) => decodeState(raw) as NeatBackpropState,
      step: (s, ctx) => {
        const pop = s.population;
        const compaction = config.compaction;
        if (compaction !== null && s.best !== null && pop.generation >= compaction.startGeneration) {
          compactionStep(s as CompactingState, compaction, { plan, task, refinement: config.refinement, weightLimit: limit, ctx });
          ctx.meter.addGenerations(1);
          return { metrics: { ...bestMetrics(s.best), 'compaction.removed': s.compaction?.removed ?? 0 } };
        }
        const fitBatch = miniBatch(task, config.fitnessBatchSize, ctx.rng.fork('fitness'));
        const lambda = parsimonyAt(config, pop.generation);
        const penalised = (g: Genome, raw: number): number => raw - lambda * enabledCount(g);
        const genomes: Genome[] = [];
        const raw: number[] = [];
        const scored: Metrics[] = [];
        pop.genomes.forEach((genome, i) => {
          const { model, result: r } = trainGenome(genome, {
            plan,
            task,
            refinement: config.refinement,
            steps: config.refinement.steps,
            weightLimit: limit,
            rng: ctx.rng.fork(`genome/${i}`),
            meter: ctx.meter,
          });
          const trained = model.toGenome();
          if (config.pruneBelow > 0) pruneGenome(trained, config.pruneBelow);
          const scoredModel = config.pruneBelow > 0 ? new NeatModel(trained, plan) : model;
          const m = r.diverged === undefined ? score(scoredModel, task, fitBatch) : { loss: Number.NaN };
          ctx.meter.addEvaluations(fitBatch.x.shape[0] as number);
          genomes.push(lamarckian ? trained : genome);
          const unpenalised = fitnessOf(config, m, enabledCount(trained));
          const f = penalised(trained, unpenalised);
          raw.push(f);
          scored.push(m);
          if (Number.isFinite(f) && (s.best === null || f > penalised(s.best.genome, s.best.fitness))) {
            // The trained phenotype is what was scored, so it is what the run returns (in both modes).
            s.best = { genome: trained, fitness: unpenalised, generation: pop.generation, metrics: m };
          }
        });
        ctx.meter.addGenerations(1);
        const finite = raw.filter(Number.isFinite);
        if (finite.length === 0) return { metrics: {}, diverged: `every genome of generation ${pop.generation} had a non-finite loss` };
        // NEAT needs finite fitness: a genome whose training diverged ranks below every other.
        const worst = finite.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY) - 1;
        const fitness = raw.map((f) => (Number.isFinite(f) ? f : worst));
        const next = evolveGeneration({ ...pop, genomes }, fitness);
        s.population = next.state;
        const best = s.best as Best;
        const metrics: Record<string, number> = {
          ...bestMetrics(best),
          'generation.bestFitness': next.report.bestFitness,
          'generation.meanFitness': next.report.meanFitness,
          species: next.report.species,
        };
        if (ctx.step % config.validateEvery === 0 && (task.validation.x.shape[0] ?? 0) > 0) {
          // Monitoring is not charged.
          const held = ctx.meter.unmetered(() => evaluateModel(new NeatModel(best.genome, plan), task.validation, task));
          for (const [k, v] of Object.entries(held)) metrics[`val.${k}`] = v;
        }
        return { metrics };
      },
      model: (s) => new NeatModel(s.best?.genome ?? (s.population.genomes[0] as Genome), plan),
      finalMetrics: (m) => evaluateModel(m, (task.test.x.shape[0] ?? 0) > 0 ? task.test : task.validation, task),
      extras: (s) => {
        const g = s.best?.genome ?? (s.population.genomes[0] as Genome);
        return {
          mode: config.mode,
          refinementSteps: config.refinement.steps,
          hiddenNodes: hiddenCount(g),
          activeHiddenNodes: activeHiddenCount(g),
          connections: enabledCount(g),
          species: s.population.species.length,
          generations: s.population.generation,
          ...(s.compaction === undefined ? {} : { compactionRemoved: s.compaction.removed }),
          genome: g,
        };
      },
    });
  }
}

/** The selection score of a scored network with c enabled connections (see `fitness` and `sizeTarget`). */
function fitnessOf(config: ParsedNeatBackpropConfig, m: Metrics, c: number): number {
  const loss = m.loss as number;
  const target = config.sizeTarget;
  if (target !== null && m.accuracy !== undefined && m.accuracy >= target && Number.isFinite(loss)) {
    // Lexicographic: fewer connections first (1/(1+c) − 1/(2+c) = 1/((1+c)(2+c))), then lower loss.
    return 1 + 1 / (1 + c) + (0.5 * portableMath.exp(-loss)) / ((1 + c) * (2 + c));
  }
  return config.fitness === 'accuracy' ? (m.accuracy ?? Number.NaN) : -loss;
}

/** λ of generation g: 0 before `parsimonyStart`, then rising linearly over `parsimonyRamp` generations to `parsimony`. */
function parsimonyAt(config: ParsedNeatBackpropConfig, generation: number): number {
  if (generation < config.parsimonyStart) return 0;
  if (config.parsimonyRamp === 0) return config.parsimony;
  return config.parsimony * Math.min(1, (generation - config.parsimonyStart + 1) / config.parsimonyRamp);
}

function score(model: NeatModel, task: SupervisedTask, batch: ReturnType<typeof miniBatch>): Metrics {
  return noGrad(() => {
    const out = model.forward(batch.x);
    const loss = lossFor(task.loss)(out, batch.y).item();
    const m: Metrics = task.problem === 'classification' ? { loss, accuracy: accuracy(out, batch.y) } : { loss };
    return m;
  });
}

/** The step metrics every step reports about the best network so far. */
const bestMetrics = (best: Best): Record<string, number> => ({
  ...best.metrics,
  fitness: best.fitness,
  hiddenNodes: hiddenCount(best.genome),
  connections: enabledCount(best.genome),
});

/** The state once compaction runs: NEAT has produced a best network. */
type CompactingState = NeatBackpropState & { best: Best };

/**
 * One compaction step (see `compaction` in the config): on the first, fix the floor from the
 * best network's training metrics; then remove one more connection if a tried removal keeps
 * the floor, and once none does, fine-tune the network instead. Updates `s.best` in place.
 */
function compactionStep(
  s: CompactingState,
  compaction: NonNullable<ParsedNeatBackpropConfig['compaction']>,
  env: {
    plan: PlanOptions;
    task: SupervisedTask;
    refinement: ParsedNeatBackpropConfig['refinement'];
    weightLimit: number;
    ctx: StepContext;
  },
): void {
  if (s.compaction === undefined) {
    // The floor and the polishing baseline are the whole training split's metrics.
    const start = trainingMetrics(new NeatModel(s.best.genome, env.plan), env.task, env.ctx.meter);
    s.compaction = { floor: floorOf(start, compaction.tolerance), done: false, removed: 0 };
    s.best = { ...s.best, metrics: start };
  }
  const best = s.best;
  const c = s.compaction;
  const options = {
    genome: best.genome,
    plan: env.plan,
    task: env.task,
    refinement:
      compaction.learningRate === undefined
        ? env.refinement
        : { ...env.refinement, optimizer: { ...env.refinement.optimizer, learningRate: compaction.learningRate } },
    steps: compaction.steps,
    trials: compaction.trials,
    weightLimit: env.weightLimit,
    floor: c.floor,
    rng: env.ctx.rng.fork('compaction'),
    meter: env.ctx.meter,
  };
  const smaller = c.done ? null : compactOnce(options);
  if (smaller !== null) {
    s.best = { ...best, genome: smaller.genome, metrics: smaller.metrics };
    c.removed++;
  } else {
    // Nothing more can go: fine-tune instead, so every step still does (and is charged) work.
    c.done = true;
    const polished = polishOnce(options, best.metrics.loss as number);
    if (polished !== null) s.best = { ...best, genome: polished.genome, metrics: polished.metrics };
  }
}
