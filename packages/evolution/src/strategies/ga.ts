/**
 * A real-coded generational genetic algorithm with elitism (Holland 1975; Goldberg 1989,
 * ch. 3–4; operators cited in ../ga/). Each generation the `eliteCount` best survive
 * unchanged; the rest of the population are children of selected parents, recombined with
 * probability `crossoverRate` and then mutated.
 */
import { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { EvolutionError } from '../errors.js';
import { type Crossover, crossover, crossoverSchema } from '../ga/crossover.js';
import { type Bounds, type Mutation, mutate, mutationSchema } from '../ga/mutation.js';
import { makeSelector, type Selection, selectionSchema } from '../ga/selection.js';
import { defineStrategy, diagonalFlops } from '../define-strategy.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { argsort } from '../util/vector.js';
import { type BudgetStopConfig, budgetStopSchema } from './stop.js';

/** Zod schema of {@link GaConfig}; unknown keys are rejected. */
export const gaConfigSchema = z.strictObject({
  /** Standard deviation of the initial population around `mean`, > 0. Default 1. */
  sigma: z.number().positive().default(1).meta({ unit: 'weight units' }),
  /** Individuals per generation, an integer ≥ 2. Default 50. */
  populationSize: z.number().int().min(2).default(50).meta({ unit: 'candidates' }),
  /** Best individuals copied unchanged into the next generation, an integer in [0, populationSize). Default 1. */
  eliteCount: z.number().int().nonnegative().default(1).meta({ unit: 'candidates' }),
  /** Parent selection, see {@link selectionSchema}. Default a tournament of 3. */
  selection: selectionSchema.default({ kind: 'tournament', size: 3 }),
  /** Recombination operator, see {@link crossoverSchema}. Default uniform crossover. */
  crossover: crossoverSchema.default({ kind: 'uniform' }),
  /** Probability that a child is recombined from two parents (else a copy of one), in [0, 1]. Default 0.9. */
  crossoverRate: z.number().min(0).max(1).default(0.9).meta({ unit: 'probability' }),
  /** Mutation operator, see {@link mutationSchema}. Default Gaussian, σ 0.1, rate 1/n. */
  mutation: mutationSchema.default({ kind: 'gaussian', sigma: 0.1, selfAdaptive: false }),
  /** Box constraints; genes are clipped into it. Required for uniform mutation. Default none. */
  bounds: z
    .strictObject({
      /** Smallest value of a gene. */
      lower: z.number().meta({ unit: 'weight units' }),
      /** Largest value of a gene; must be > `lower`. */
      upper: z.number().meta({ unit: 'weight units' }),
    })
    .optional(),
  /** Stop criteria (target and budget), see {@link budgetStopSchema}; tolerances such as tolX are rejected. */
  stop: budgetStopSchema.default(budgetStopSchema.parse({})),
});
/** What {@link ga}.init accepts besides the mean (the centre of the initial population): the input side of {@link gaConfigSchema}. */
export type GaConfig = z.input<typeof gaConfigSchema>;

/** Plain-data state of {@link ga}. */
export interface GaState extends StrategyState {
  /** The evaluated population (empty before the first tell), with fitness and step sizes. */
  readonly population: Float64Array[];
  /** Fitness of each member of `population` (lower is better). */
  readonly fitness: Float64Array;
  /** Mutation step size carried by each member of `population` (self-adaptive mutation). */
  readonly stepSizes: Float64Array;
  /** Step sizes of the children handed out by the last ask. */
  readonly pendingStepSizes: Float64Array;
  /** Individuals per generation. */
  readonly populationSize: number;
  /** Individuals kept unchanged each generation. */
  readonly eliteCount: number;
  /** Standard deviation of the initial population. */
  readonly sigma: number;
  /** Centre of the initial population. */
  readonly initialMean: Float64Array;
  /** The parent selection scheme. */
  readonly selection: Selection;
  /** The recombination operator. */
  readonly crossover: Crossover;
  /** Probability that a child is recombined. */
  readonly crossoverRate: number;
  /** The mutation operator. */
  readonly mutation: Mutation;
  /** Box constraints, or undefined. */
  readonly bounds: Bounds | undefined;
  /** The parsed stop criteria. */
  readonly stopConfig: BudgetStopConfig;
}

/**
 * A real-coded generational GA with elitism (Goldberg 1989): selection, crossover and mutation
 * operators chosen in the config. After the first generation `ask` returns only the
 * populationSize − eliteCount children: the elites keep their fitness. Its `mean` is the best individual.
 */
export const ga: DefinedStrategy<GaConfig, GaState> = defineStrategy<GaConfig, z.output<typeof gaConfigSchema>, GaState>({
  id: 'ga',
  name: 'ga',
  paper: 'Goldberg, Genetic Algorithms in Search, Optimization and Machine Learning (1989); operators per ../ga/*.ts',
  schema: gaConfigSchema,
  check(c) {
    if (c.eliteCount >= c.populationSize)
      throw new EvolutionError('ga.init', `eliteCount < populationSize (${c.populationSize})`, String(c.eliteCount));
    if (c.mutation.kind === 'uniform' && c.bounds === undefined)
      throw new EvolutionError('ga.init', 'bounds { lower, upper } with uniform mutation', 'no bounds');
    if (c.bounds !== undefined && !(c.bounds.lower < c.bounds.upper))
      throw new EvolutionError('ga.init', 'bounds.lower < bounds.upper', JSON.stringify(c.bounds));
  },
  // After the first generation only the children are asked; the elites keep their fitness.
  populationSize: (state) => (state.population.length === 0 ? state.populationSize : state.populationSize - state.eliteCount),
  flopsPerGeneration: diagonalFlops,

  start(mean, c) {
    return {
      population: [],
      fitness: new Float64Array(0),
      stepSizes: new Float64Array(0),
      pendingStepSizes: new Float64Array(0),
      populationSize: c.populationSize,
      eliteCount: c.eliteCount,
      sigma: c.sigma,
      initialMean: mean,
      selection: c.selection,
      crossover: c.crossover,
      crossoverRate: c.crossoverRate,
      mutation: c.mutation,
      bounds: c.bounds,
      stopConfig: c.stop,
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    const n = state.initialMean.length;
    const step0 = state.mutation.kind === 'gaussian' ? state.mutation.sigma : 0;
    if (state.population.length === 0) {
      const candidates = Array.from({ length: state.populationSize }, () => {
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) x[i] = state.initialMean[i] + state.sigma * rng.normal();
        if (state.bounds !== undefined) for (let i = 0; i < n; i++) x[i] = Math.min(state.bounds.upper, Math.max(state.bounds.lower, x[i]));
        return x;
      });
      return { state: { ...state, rng: rng.state(), pendingStepSizes: new Float64Array(state.populationSize).fill(step0) }, candidates };
    }
    const select = makeSelector(state.selection, state.fitness, rng);
    const children = state.populationSize - state.eliteCount;
    const candidates: Float64Array[] = [];
    const steps = new Float64Array(children);
    for (let k = 0; k < children; k++) {
      const a = select();
      const b = select();
      const child = rng.bernoulli(state.crossoverRate)
        ? crossover(state.crossover, state.population[a], state.population[b], rng)
        : Float64Array.from(state.population[a]);
      // Geometric mean of the parents' step sizes, as in intermediate σ recombination.
      const parentStep = Math.sqrt(state.stepSizes[a] * state.stepSizes[b]);
      steps[k] = mutate(state.mutation, child, parentStep, state.bounds, rng);
      candidates.push(child);
    }
    return { state: { ...state, rng: rng.state(), pendingStepSizes: steps }, candidates };
  },

  update(state, candidates, fitness) {
    const first = state.population.length === 0;
    let population: Float64Array[] = candidates.map((c) => Float64Array.from(c));
    let popFitness = fitness;
    let stepSizes = state.pendingStepSizes;
    if (!first) {
      const elites = Array.from(argsort(state.fitness).slice(0, state.eliteCount));
      population = [...elites.map((i) => state.population[i]), ...population];
      popFitness = Float64Array.from([...elites.map((i) => state.fitness[i]), ...fitness]);
      stepSizes = Float64Array.from([...elites.map((i) => state.stepSizes[i]), ...state.pendingStepSizes]);
    }
    return {
      ...state,
      population,
      fitness: popFitness,
      stepSizes,
      pendingStepSizes: new Float64Array(0),
    };
  },

  mean: (state) => Float64Array.from(state.best),
});
