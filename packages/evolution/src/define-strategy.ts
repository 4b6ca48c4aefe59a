import type { Rng } from '@evoprop/tensor';
import type { z } from 'zod';
import { EvolutionError } from './errors.js';
import {
  type AskResult,
  checkTell,
  type DefinedStrategy,
  type Strategy,
  type StrategyState,
  sanitizeFitness,
  updateBest,
} from './strategy.js';
import { budgetStop, type BudgetStopConfig } from './strategies/stop.js';
import { parseConfig, vectorSchema } from './util/config.js';

/** A state the wrapper can keep: the shared fields plus the parsed stop criteria. */
export type DefinedState = StrategyState &
  Readonly<{
    /** The parsed stop criteria; the budget ones are checked by the wrapper. */
    stopConfig: BudgetStopConfig;
  }>;

/** The fields a strategy builds itself: everything but the bookkeeping {@link defineStrategy} owns. */
export type OwnState<State extends DefinedState> = Omit<State, keyof StrategyState>;

/**
 * What a strategy module writes: its config, its update rule and its own stop criteria.
 * {@link defineStrategy} turns it into a {@link Strategy} by adding, once for every strategy,
 * what evosax's base class adds: argument checks, fitness sanitising, the generation and
 * evaluation counters, best-so-far tracking and the budget stops.
 */
export type StrategyDefinition<Config, Parsed, State extends DefinedState> = Readonly<{
  /** The strategy's id, kebab-case (`'cma-es'`). */
  id: string;
  /** Name used in error messages (`'cmaEs'` gives `cmaEs.init: expected ...`). */
  name: string;
  /** The paper the update rule follows. */
  paper: string;
  /** Schema of the config without the mean; unknown keys rejected. */
  schema: z.ZodType<Parsed, Config>;
  /** Checks across keys that the schema cannot express (throw an {@link EvolutionError}). */
  check?(config: Parsed): void;
  /** The strategy's own fields of the first state, around `mean` (a fresh copy it may keep). */
  start(mean: Float64Array, config: Parsed, rng: Rng): OwnState<State>;
  /** How many candidates `tell` expects (those the last `ask` returned). */
  populationSize(state: State): number;
  /** Samples a population (see {@link Strategy.ask}). */
  ask(state: State): AskResult<State>;
  /** The distribution update from sanitised fitness; bookkeeping fields are set by the wrapper afterwards. */
  update(state: State, candidates: readonly Float64Array[], fitness: Float64Array): State;
  /** The strategy's own stop criteria, checked after the budget ones on the updated state; null to go on. */
  stop?(previous: State, next: State, fitness: Float64Array): string | null;
  /** The current point estimate (see {@link Strategy.mean}). */
  mean(state: State): Float64Array;
  /** See {@link Strategy.flopsPerGeneration}. */
  flopsPerGeneration(dimension: number, populationSize: number, state?: State): number;
}>;

const isVectorLike = (v: unknown): boolean => Array.isArray(v) || v instanceof Float64Array || v instanceof Float32Array;

/** Splits `init`'s two call forms, `(mean, config, rng)` and the older `({ mean, ...config }, rng)`. */
function initArguments(where: string, args: readonly unknown[]): { mean: unknown; config: unknown; rng: Rng } {
  if (args.length >= 3) return { mean: args[0], config: args[1], rng: args[2] as Rng };
  const [config, rng] = args;
  if (typeof config !== 'object' || config === null || isVectorLike(config))
    throw new EvolutionError(where, 'init(mean, config, rng) or init({ mean, ...config }, rng)', `${args.length} arguments`);
  const { mean, ...rest } = config as { mean?: unknown };
  if (mean === undefined)
    throw new EvolutionError(where, 'an initial mean: init(mean, config, rng), or config.mean in the older form', 'none');
  return { mean, config: rest, rng: rng as Rng };
}

/**
 * Builds a {@link Strategy} from its definition, doing the bookkeeping every strategy shares
 * once: `tell` checks its arguments, sanitises non-finite fitness, runs the update, then sets
 * the counters and best-so-far and stops on the budget criteria (target, evaluations,
 * generations) before the strategy's own ones. The order of floating-point operations inside
 * each update is the strategy's own, so results are those of the hand-written versions.
 */
export function defineStrategy<
  Config,
  Parsed extends Readonly<{
    /** The parsed stop criteria. */
    stop: BudgetStopConfig;
  }>,
  State extends DefinedState,
>(definition: StrategyDefinition<Config, Parsed, State>): DefinedStrategy<Config, State> {
  const d = definition;
  const parse = (config: unknown): Parsed => {
    const parsed = parseConfig(`${d.name}.init`, d.schema, config) as Parsed;
    d.check?.(parsed);
    return parsed;
  };
  function init(...args: unknown[]): State {
    const { mean: rawMean, config, rng } = initArguments(`${d.name}.init`, args);
    if (!vectorSchema.safeParse(rawMean).success)
      throw new EvolutionError(`${d.name}.init`, 'mean: a finite number[] / Float64Array / Float32Array', describe(rawMean));
    const mean = Float64Array.from(rawMean as ArrayLike<number>);
    const own = d.start(Float64Array.from(mean), parse(config), rng);
    const base: StrategyState = { generation: 0, evaluations: 0, rng: rng.state(), best: mean, bestFitness: Infinity, stop: null };
    return { ...base, ...own } as unknown as State;
  }
  return {
    id: d.id,
    paper: d.paper,
    init: init as DefinedStrategy<Config, State>['init'],
    validate: (config) => {
      parse(config);
    },
    ask: (state) => d.ask(state),
    tell(state, candidates, rawFitness) {
      // `best` always has the search dimension: the initial mean or a candidate.
      checkTell(`${d.name}.tell`, state.best.length, d.populationSize(state), candidates, rawFitness);
      const fitness = sanitizeFitness(rawFitness);
      const updated = d.update(state, candidates, fitness);
      const generation = state.generation + 1;
      const evaluations = state.evaluations + candidates.length;
      const { best, bestFitness } = updateBest(state.best, state.bestFitness, candidates, fitness);
      const next: State = { ...updated, generation, evaluations, best, bestFitness };
      const stop = budgetStop(state.stopConfig, generation, evaluations, bestFitness) ?? d.stop?.(state, next, fitness) ?? null;
      return { ...next, stop };
    },
    mean: (state) => d.mean(state),
    flopsPerGeneration: (dimension, populationSize, state) => d.flopsPerGeneration(dimension, populationSize, state),
  };
}

function describe(v: unknown): string {
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return `[${Array.from(v as ArrayLike<unknown>).join(', ')}]`;
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/**
 * FLOPs per generation of a full-covariance strategy (xNES; CMA-ES without a state): the n×n
 * transform of every sample (2n² each), the rank-μ update (2n² per candidate) and one n×n
 * decomposition (or matrix exponential), charged as n³.
 */
export const fullCovarianceFlops = (n: number, populationSize: number): number =>
  covarianceBookkeepingFlops(n, populationSize) + decompositionFlops(n);

/** The O(λn²) part of {@link fullCovarianceFlops}: sampling through an n×n factor and the rank-μ update, 4λn². */
export const covarianceBookkeepingFlops = (n: number, populationSize: number): number => 4 * populationSize * n * n;

/** What one eigendecomposition (or matrix exponential) of an n×n matrix is charged: n³. */
export const decompositionFlops = (n: number): number => n * n * n;

/** FLOPs per generation of a diagonal strategy or the GA: a few vector operations per candidate. */
export const diagonalFlops = (n: number, populationSize: number): number => 10 * populationSize * n;
