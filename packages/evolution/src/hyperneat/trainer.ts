/**
 * `HyperNeatTrainer`: HyperNEAT (Stanley, D'Ambrosio & Gauci 2009, "A hypercube-based encoding
 * for evolving large-scale neural networks", Artificial Life 15(2), 185–212) behind the common
 * `Trainer` contract. NEAT (this package's population code, the `cppn` preset by default) evolves
 * CPPNs with four inputs (x1, y1, x2, y2); each CPPN is queried over a substrate — the nodes of a
 * fixed-topology network placed at coordinates — and the weights it paints (`paintSubstrate`:
 * expressed where |2o − 1| exceeds the threshold, scaled to ±`weightScale`) are written into a
 * core `mlp`, which is scored on the task's training split. One step is one generation.
 *
 * The returned model is that plain dense network (core's `mlp`, saved and loaded like every core model),
 * so backprop can fine-tune HyperNEAT's champion from the CPPN's weights.
 *
 * Fitness: 'accuracy' (train accuracy, ties broken by the likelihood, as NEAT's trainer), 'loss'
 * (−loss), or 'distance', the paper's visual-discrimination fitness: the network's answer is
 * the output node of highest activation, and fitness is minus the mean squared distance, in
 * substrate coordinates, between it and the target class's output node (section 5: "fitness is
 * calculated from the sum of the squared distances between the target and the point of highest
 * activation over all 75 trials").
 *
 * Substrates are data: give `substrate.layers` (coordinates per layer), or let the trainer lay
 * the task out — a layer whose size is a square k² (or the task's [h, w] input) becomes a grid
 * over [−1, 1]², any other a row; inputs at y = −1 for rows, `hidden` layers between.
 */
import {
  type CostMeter,
  type FitRequest,
  type FitResult,
  type Metrics,
  type Model,
  type SupervisedTask,
  type Trainer,
  accuracy,
  lossFor,
  mlp,
} from '@evoprop/core';
import { parseConfig } from '@evoprop/core/config';
import { type TrainerDefinition, defineTrainer } from '@evoprop/core/registry';
import { type StepOutcome, runTrainingLoop } from '@evoprop/core/training';
import { FlopMeter, Rng, type Tensor, noGrad } from '@evoprop/tensor';
import { z } from 'zod';
import { type NeatConfig, type NeatConfigOverrides, neatConfig } from '../neat/config.js';
import { type Genome, enabledCount, hiddenCount } from '../neat/genome.js';
import { planOptionsOf } from '../neat/model.js';
import { NeatNetwork } from '../neat/network.js';
import { type NeatPopulationState, evolveGeneration, initNeatPopulation } from '../neat/population.js';
import { accuracyFitness, flatRows } from '../neat/scoring.js';
import { type Substrate, paintSubstrate, writeSubstrateWeights } from './substrate.js';
import { EvolutionError } from '../errors.js';

const point = z.tuple([z.number(), z.number()]);
const hiddenActivations = ['tanh', 'sigmoid', 'relu', 'linear'] as const;

/** The zod schema of a `HyperNeatTrainer`'s config (defaults filled in, unknown keys rejected). */
export const hyperNeatTrainerConfigSchema = z.strictObject({
  /** NEAT preset the CPPNs evolve under: 'cppn' (CPPN-NEAT, seven activations) by default. */
  preset: z.enum(['paper', 'paper-dpnv', 'cppn']).default('cppn'),
  /** Overrides of the preset (deep-merged, then checked: unknown keys fail with a suggestion). */
  neat: z.record(z.string(), z.unknown()).default({}),
  /** Explicit substrate: [x, y] coordinates of every node, layer by layer, inputs first (default: laid out from the task). */
  substrate: z
    .strictObject({
      /** Nodes of each layer, inputs first, as [x, y] coordinates; ≥ 2 layers of ≥ 1 node. */
      layers: z.array(z.array(point).min(1)).min(2),
    })
    .optional(),
  /** Hidden layer sizes of the laid-out substrate (ignored with an explicit `substrate`), each an integer ≥ 1. Default []. */
  hidden: z.array(z.number().int().positive()).default([]).meta({ unit: 'nodes' }),
  /** Activation of the substrate's hidden nodes; outputs are linear (logits). Default 'tanh'. */
  activation: z.enum(hiddenActivations).default('tanh'),
  /** A connection is expressed only where |2o − 1| exceeds this, in [0, 1) (the paper's expression threshold). Default 0.2. */
  threshold: z.number().min(0).lt(1).default(0.2).meta({ unit: 'CPPN output units' }),
  /** Largest weight magnitude the CPPN paints, > 0. Default 3. */
  weightScale: z.number().positive().default(3).meta({ unit: 'weight units' }),
  /** Link expression output (Verbancsics & Stanley 2011): the CPPN's second output gates each connection instead of the threshold. Default false. */
  leo: z.boolean().default(false),
  /** Fitness: train accuracy (likelihood tie-break), −loss, or the paper's −mean squared distance of the arg-max output node from the target's. Default 'accuracy'. */
  fitness: z.enum(['accuracy', 'loss', 'distance']).default('accuracy'),
});
/** A `HyperNeatTrainer`'s settings, all optional (see {@link hyperNeatTrainerConfigSchema}). */
export type HyperNeatTrainerConfig = z.input<typeof hyperNeatTrainerConfigSchema>;
/** Parsed settings, every default filled in. */
export type ParsedHyperNeatTrainerConfig = z.output<typeof hyperNeatTrainerConfigSchema>;

/** Bad input to the HyperNEAT trainer (a task kind it cannot train, a substrate that does not fit the task). */
export class HyperNeatTrainerError extends EvolutionError {
  /** Always 'HyperNeatTrainerError'. */
  override name = 'HyperNeatTrainerError';
}

/** The best CPPN found so far, with the metrics it was scored with. */
export type HyperNeatBest = Readonly<{
  /** The CPPN genome. */
  genome: Genome;
  /** Its fitness. */
  fitness: number;
  /** The generation it was scored in. */
  generation: number;
  /** Its training metrics then. */
  metrics: Metrics;
}>;

/** A `HyperNeatTrainer` checkpoint's state (plain data). */
export type HyperNeatTrainerState = Readonly<{
  /** The CPPN population. */
  population: NeatPopulationState;
  /** The best CPPN so far, or null. */
  best: HyperNeatBest | null;
}>;

const isSquare = (n: number): boolean => Number.isInteger(Math.sqrt(n));
const spread = (i: number, n: number): number => (n === 1 ? 0 : -1 + (2 * i) / (n - 1));

/** `rows` × `columns` nodes over [−1, 1]², row by row (y from −1). */
export function gridLayer(rows: number, columns: number): [number, number][] {
  const out: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out.push([spread(c, columns), spread(r, rows)]);
  return out;
}

/** `n` nodes in a row at height `y`, spread over x ∈ [−1, 1]. */
export const rowLayer = (n: number, y: number): [number, number][] => Array.from({ length: n }, (_, i) => [spread(i, n), y]);

/**
 * The substrate the trainer lays out for a task: inputs as a grid when the input shape ends in
 * [h, w] with nothing else (or its size is a square), outputs as a grid when their count is a
 * square, every other layer a row (inputs at y = −1, outputs at y = 1, hidden rows between).
 */
export function layoutSubstrate(inputShape: readonly number[], outputs: number, hidden: readonly number[] = []): Substrate {
  const inputs = inputShape.reduce((a, b) => a * b, 1);
  const dims = inputShape.filter((d) => d !== 1);
  const layer = (n: number, y: number, shape?: readonly number[]): [number, number][] =>
    shape !== undefined && shape.length === 2
      ? gridLayer(shape[0] as number, shape[1] as number)
      : n > 1 && isSquare(n)
        ? gridLayer(Math.sqrt(n), Math.sqrt(n))
        : rowLayer(n, y);
  const depth = hidden.length + 1;
  return {
    layers: [
      layer(inputs, -1, dims.length === 2 ? dims : undefined),
      ...hidden.map((n, l) => layer(n, -1 + (2 * (l + 1)) / depth)),
      layer(outputs, 1),
    ],
  };
}

const flopsOf = (fn: () => void): number => {
  const meter = new FlopMeter();
  meter.measure(fn);
  return meter.flops;
};

/** The CPPN queries painting a substrate takes: one per connection and one per non-input node (its bias). */
export function substrateQueries(substrate: Substrate): number {
  let q = 0;
  for (let l = 0; l + 1 < substrate.layers.length; l++) {
    const to = (substrate.layers[l + 1] as readonly unknown[]).length;
    q += (substrate.layers[l] as readonly unknown[]).length * to + to;
  }
  return q;
}

/** HyperNEAT through the `Trainer` contract: CPPNs evolved by NEAT paint a dense network on a substrate (see the file's comment). */
export class HyperNeatTrainer implements Trainer {
  readonly id: string;
  /** The parsed NEAT configuration the CPPNs evolve under. */
  readonly neat: NeatConfig;
  /** The parsed settings. */
  readonly options: ParsedHyperNeatTrainerConfig;

  constructor(config: HyperNeatTrainerConfig = {}, id = 'hyperneat') {
    this.options = parseConfig(hyperNeatTrainerConfigSchema, config, `${id} config`);
    this.neat = neatConfig(this.options.preset, this.options.neat as NeatConfigOverrides);
    this.id = id;
  }

  /** The substrate used for `task`: the configured one (checked against the task's sizes) or the laid-out one. */
  substrateFor(task: SupervisedTask): Substrate {
    const inputs = task.inputShape.reduce((a, b) => a * b, 1);
    const s = this.options.substrate ?? layoutSubstrate(task.inputShape, task.outputSize, this.options.hidden);
    const first = s.layers[0]?.length ?? 0;
    const last = s.layers[s.layers.length - 1]?.length ?? 0;
    if (first !== inputs || last !== task.outputSize)
      throw new HyperNeatTrainerError(
        'HyperNeatTrainer',
        `a substrate of ${inputs} inputs and ${task.outputSize} outputs for task '${task.id}'`,
        `${first} and ${last}`,
      );
    return s;
  }

  /** A fresh network of the substrate's shape (weights to be painted). */
  private network(substrate: Substrate): Model {
    const sizes = substrate.layers.map((l) => l.length);
    return mlp(
      {
        inputSize: sizes[0] as number,
        hidden: sizes.slice(1, -1),
        outputSize: sizes[sizes.length - 1] as number,
        activation: this.options.activation,
      },
      // NOTE: every weight is painted over, so the initialiser's draw is never seen; a fixed
      // generator of its own keeps building a network from disturbing any stream of the fit.
      Rng.fromSeed('hyperneat/network'),
    );
  }

  /** The network `genome` paints on `substrate` (what `fit` returns for its best CPPN). */
  develop(genome: Genome, substrate: Substrate, into?: Model): Model {
    const model = into ?? this.network(substrate);
    const net = NeatNetwork.fromGenome(genome, planOptionsOf(this.neat));
    const o = this.options;
    const painted = paintSubstrate(
      (q) => {
        net.reset();
        return net.activate(q);
      },
      substrate,
      { threshold: o.threshold, weightScale: o.weightScale, leo: o.leo },
    );
    writeSubstrateWeights(model, painted);
    return model;
  }

  async fit(request: FitRequest): Promise<FitResult> {
    const { task } = request;
    if (task.kind !== 'supervised')
      throw new HyperNeatTrainerError('HyperNeatTrainer', 'a supervised task', `${task.kind} task '${task.id}'`);
    if (request.model !== undefined)
      throw new HyperNeatTrainerError(
        'HyperNeatTrainer',
        'no starting model (HyperNEAT starts from CPPNs)',
        `a '${request.model.spec.kind}' model`,
      );
    const resume = request.resume;
    if (resume !== undefined && resume.trainerId !== this.id)
      throw new HyperNeatTrainerError('HyperNeatTrainer.fit', `a checkpoint of '${this.id}'`, `one of '${resume.trainerId}'`);
    const substrate = this.substrateFor(task);
    const outputNodes = substrate.layers[substrate.layers.length - 1] as readonly (readonly [number, number])[];
    const cppnOutputs = this.options.leo ? 2 : 1;
    const x = flatRows(task.train.x);
    const y = task.train.y;
    const rows = x.shape[0] as number;
    const scratch = this.network(substrate);
    const fitnessKind = this.options.fitness;
    if (fitnessKind === 'distance' && task.problem !== 'classification')
      throw new HyperNeatTrainerError('HyperNeatTrainer', "a classification task for fitness 'distance'", `regression task '${task.id}'`);

    // The scored part of a genome's evaluation, on the painted network: forward, loss, accuracy.
    const evaluate = (model: Model): { fitness: number; metrics: Metrics } => {
      const out = model.forward(x);
      const loss = lossFor(task.loss)(out, y).item();
      const metrics: Record<string, number> = { loss };
      if (task.problem === 'classification') metrics.accuracy = accuracy(out, y);
      let fitness: number;
      if (fitnessKind === 'distance') {
        metrics.distance = meanSquaredDistance(out, y, outputNodes);
        fitness = -(metrics.distance as number);
      } else fitness = fitnessKind === 'accuracy' ? accuracyFitness(metrics.accuracy, loss, rows) : -loss;
      return { fitness, metrics };
    };
    // Kernel FLOPs of `evaluate` do not depend on the weights: probed once, uncharged.
    let evaluateFlops: number | undefined;
    const queries = substrateQueries(substrate);
    const generationCost = (genomes: readonly Genome[]) => {
      evaluateFlops ??= flopsOf(() => noGrad(() => evaluate(scratch)));
      const probe = new Float64Array(4);
      let flops = 0;
      for (const g of genomes) {
        const net = NeatNetwork.fromGenome(g, planOptionsOf(this.neat));
        flops += queries * flopsOf(() => net.activate(probe)) + evaluateFlops;
      }
      return { generations: 1, evaluations: genomes.length * rows, flops };
    };

    const step = (run: { state: HyperNeatTrainerState }, meter: CostMeter, stepIndex: number): StepOutcome =>
      meter.measure((): StepOutcome => {
        const state = run.state;
        const generation = state.population.generation;
        const scores = state.population.genomes.map((g) => noGrad(() => evaluate(this.develop(g, substrate, scratch))));
        meter.addEvaluations(scores.length * rows);
        meter.addGenerations(1);
        const bad = scores.findIndex((s) => !Number.isFinite(s.fitness));
        if (bad >= 0)
          return {
            metrics: {},
            silent: true,
            end: {
              status: 'diverged',
              reason: `CPPN ${bad} of generation ${generation} paints a network with a non-finite fitness (${scores[bad]?.fitness}); loss ${scores[bad]?.metrics.loss}`,
              divergedAtStep: stepIndex,
            },
          };
        let best = state.best;
        scores.forEach((s, i) => {
          if (best === null || s.fitness > best.fitness)
            best = { genome: state.population.genomes[i] as Genome, fitness: s.fitness, generation, metrics: s.metrics };
        });
        const next = evolveGeneration(
          state.population,
          scores.map((s) => s.fitness),
        );
        run.state = { population: next.state, best: structuredClone(best) };
        const b = run.state.best as HyperNeatBest;
        return {
          metrics: {
            ...b.metrics,
            fitness: b.fitness,
            'generation.bestFitness': next.report.bestFitness,
            'generation.meanFitness': next.report.meanFitness,
            species: next.report.species,
            cppnHiddenNodes: hiddenCount(b.genome),
            cppnConnections: enabledCount(b.genome),
          },
        };
      });
    const bestGenome = (state: HyperNeatTrainerState): Genome => state.best?.genome ?? (state.population.genomes[0] as Genome);

    return runTrainingLoop<{ state: HyperNeatTrainerState }>(request, {
      trainerId: this.id,
      init: () => ({
        state: { population: initNeatPopulation(this.neat, 4, cppnOutputs, request.rng.fork('hyperneat/population')), best: null },
      }),
      restore: (raw) => ({ state: raw as HyperNeatTrainerState }),
      snapshot: (run) => structuredClone(run.state),
      step: (run, ctx) => step(run, ctx.meter, ctx.step),
      // Exact caps: a generation that does not fit is not started.
      nextStepCost: (run) => generationCost(run.state.population.genomes),
      checkWeights: false,
      checkMetrics: false,
      model: (run) => this.develop(bestGenome(run.state), substrate),
      finalMetrics: (model) =>
        noGrad(() => {
          const tx = flatRows(task.test.x);
          const out = model.forward(tx);
          const m: Record<string, number> = { loss: lossFor(task.loss)(out, task.test.y).item() };
          if (task.problem === 'classification') {
            m.accuracy = accuracy(out, task.test.y);
            if (fitnessKind === 'distance') m.distance = meanSquaredDistance(out, task.test.y, outputNodes);
          }
          return m;
        }),
      extras: (run) => {
        const genome = bestGenome(run.state);
        return { cppnHiddenNodes: hiddenCount(genome), cppnConnections: enabledCount(genome), genome, substrate };
      },
    });
  }
}

/**
 * Mean over rows of the squared distance, in substrate coordinates, between the output node of
 * highest activation and the node of the row's class (the paper's visual-discrimination error).
 */
export function meanSquaredDistance(out: Tensor, y: Tensor, nodes: readonly (readonly [number, number])[]): number {
  const n = out.shape[0] as number;
  const k = out.size / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if ((out.data[i * k + j] as number) > (out.data[i * k + best] as number)) best = j;
    const a = nodes[best] as readonly [number, number];
    const b = nodes[y.data[i] as number] as readonly [number, number];
    sum += (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
  }
  return n === 0 ? 0 : sum / n;
}

/** The trainer definition the arena and plugins find HyperNEAT by. */
export const hyperNeatTrainer: TrainerDefinition<typeof hyperNeatTrainerConfigSchema> = defineTrainer({
  id: 'hyperneat',
  description:
    "HyperNEAT (Stanley, D'Ambrosio & Gauci 2009): NEAT evolves CPPNs that paint the weights of a fixed network laid out on a substrate.",
  configSchema: hyperNeatTrainerConfigSchema,
  searchSpace: {
    'neat.populationSize': { scale: 'log', low: 50, high: 300, integer: true },
    threshold: { scale: 'linear', low: 0, high: 0.5 },
    weightScale: { scale: 'log', low: 0.5, high: 5 },
  },
  create: (config) => new HyperNeatTrainer(config),
});

/** `{ hyperneat: hyperNeatTrainer }`, for a registry. */
export const hyperNeatTrainers: Readonly<Record<'hyperneat', TrainerDefinition<typeof hyperNeatTrainerConfigSchema>>> = {
  hyperneat: hyperNeatTrainer,
};
