import type { Rng, RngState } from '@evoprop/tensor';
import { EvolutionError } from './errors.js';

/**
 * The ask/tell contract every strategy implements, after evosax (`algorithms/base.py`).
 *
 * Fitness convention: **lower is better** (a loss to minimise), as in evosax and pycma.
 * To maximise a reward, tell the strategy its negation.
 *
 * State is plain data (typed arrays, numbers, strings and the RNG's {@link RngState}), so
 * `structuredClone(state)` is a checkpoint and a run continued from it is bit-identical.
 * Functions never mutate the state they are given.
 *
 * Built-in strategies are made by {@link defineStrategy}, which does the bookkeeping every
 * strategy shares (argument checks, counters, best-so-far, budget stops) once.
 */
export interface Strategy<Config, State extends StrategyState> {
  /** The strategy's id, kebab-case (`'cma-es'`, `'openai-es'`, ...). */
  readonly id: string;
  /** The paper the update rule follows. */
  readonly paper: string;
  /**
   * Builds the first state around the initial mean `mean` (its length is the search dimension),
   * after parsing `config` (unknown keys rejected).
   */
  init(mean: ArrayLike<number>, config: Config, rng: Rng): State;
  /** Parses and checks `config` (everything but the mean) without building a state; throws what `init` would throw. */
  validate(config: Config): void;
  /** Samples a population. The returned state carries the advanced RNG (and anything tell needs). */
  ask(state: State): AskResult<State>;
  /** Updates the search distribution from the candidates of the last `ask` and their fitness (lower is better). */
  tell(state: State, candidates: readonly Float64Array[], fitness: ArrayLike<number>): State;
  /** The strategy's current point estimate (distribution mean, or best individual for a GA). */
  mean(state: State): Float64Array;
  /**
   * FLOPs the strategy spends per generation on its own search (sampling, ranking, the distribution
   * update), which runs outside the tensor kernels and would otherwise be free. Given `state`, the
   * generation asked from that state and told to it: a strategy whose cost varies between
   * generations (CMA-ES decomposes its covariance only every few) charges what that generation
   * computes; without it, an upper bound over generations.
   */
  flopsPerGeneration(dimension: number, populationSize: number, state?: State): number;
}

/**
 * A {@link Strategy} built by {@link defineStrategy}: it also takes the older call form of `init`,
 * with the initial mean as `config.mean`. Strategies written by hand need only the three-argument form.
 */
export type DefinedStrategy<Config, State extends StrategyState> = Readonly<{
  /**
   * The older form, kept for compatibility: the initial mean as `config.mean`.
   * @deprecated pass the mean as the first argument: `init(mean, config, rng)`.
   */
  init(config: Config & Readonly<{ mean: ArrayLike<number> }>, rng: Rng): State;
}> &
  // Listed second so type inference (which reads the last overload) sees `init(mean, config, rng)`.
  Strategy<Config, State>;

/** What {@link Strategy.ask} returns. */
export type AskResult<State> = Readonly<{
  /** The state to pass to `tell` (RNG advanced, anything `tell` needs recorded). */
  state: State;
  /** The population to evaluate, one vector of the search dimension per candidate. */
  candidates: Float64Array[];
}>;
/** Fields every strategy state has. */
export type StrategyState = Readonly<{
  /** Completed generations (tells) so far. */
  generation: number;
  /** Fitness evaluations told so far (the sum of the population sizes). */
  evaluations: number;
  /** The strategy's own random stream, as plain data (see {@link Rng.fromState}). */
  rng: RngState;
  /** Best candidate seen so far (the initial mean before the first tell). */
  best: Float64Array;
  /** Fitness of `best` (lower is better); Infinity before the first tell. */
  bestFitness: number;
  /** Why the strategy thinks it should stop (its own criteria), or null. */
  stop: string | null;
}>;

/** A strategy with its types erased, for registries. */
export type AnyStrategy = Strategy<never, StrategyState>;

/** Checks the arguments of `tell`: one finite-or-not fitness per candidate, dimensions matching. */
export function checkTell(
  where: string,
  dimension: number,
  expectedCount: number,
  candidates: readonly Float64Array[],
  fitness: ArrayLike<number>,
): void {
  if (candidates.length !== expectedCount)
    throw new EvolutionError(where, `${expectedCount} candidates (as asked)`, `${candidates.length}`);
  if (fitness.length !== candidates.length)
    throw new EvolutionError(where, `one fitness per candidate (${candidates.length})`, `${fitness.length}`);
  for (const c of candidates) {
    if (c.length !== dimension) throw new EvolutionError(where, `candidates of dimension ${dimension}`, `${c.length}`);
  }
}

/**
 * Non-finite fitness (NaN, ±Infinity from a diverged evaluation) is treated as the worst
 * possible value, so one broken candidate cannot poison the update.
 */
export function sanitizeFitness(fitness: ArrayLike<number>): Float64Array {
  const out = new Float64Array(fitness.length);
  for (let i = 0; i < fitness.length; i++) {
    const f = fitness[i];
    out[i] = Number.isNaN(f) || f === Infinity ? Number.MAX_VALUE : f === -Infinity ? -Number.MAX_VALUE : f;
  }
  return out;
}

/** Best-so-far bookkeeping shared by every strategy. */
export function updateBest(
  best: Float64Array,
  bestFitness: number,
  candidates: readonly Float64Array[],
  fitness: Float64Array,
): { best: Float64Array; bestFitness: number } {
  let b = best;
  let bf = bestFitness;
  for (let i = 0; i < candidates.length; i++) {
    if (fitness[i] < bf && fitness[i] < Number.MAX_VALUE) {
      bf = fitness[i];
      b = candidates[i];
    }
  }
  return { best: b === best ? best : Float64Array.from(b), bestFitness: bf };
}
