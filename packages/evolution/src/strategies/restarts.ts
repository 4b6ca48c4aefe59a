/**
 * Restart strategies around CMA-ES.
 * IPOP: A. Auger & N. Hansen, "A Restart CMA Evolution Strategy With Increasing Population
 * Size", CEC 2005, pp. 1769–1776 — restart with λ multiplied by 2 whenever a run stops.
 * BIPOP: N. Hansen, "Benchmarking a BI-Population CMA-ES on the BBOB-2009 Function Testbed",
 * GECCO 2009 — interleave the IPOP regime with small-population runs of random λ and σ,
 * always continuing the regime that has spent fewer evaluations.
 */
import { Rng, portableMath } from '@evoprop/tensor';
import { z } from 'zod';
import { EvolutionError } from '../errors.js';
import { defineStrategy } from '../define-strategy.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { cmaEs, cmaEsFlops, type CmaEsState } from './cma-es.js';
import { defaultPopulationSize } from './cma-weights.js';
import { cmaStopSchema, type StopConfig } from './stop.js';

/** Zod schema of {@link RestartConfig} (IPOP- and BIPOP-CMA-ES); unknown keys are rejected. */
export const restartConfigSchema = z.strictObject({
  /** Initial step size σ0 of the large-population runs, > 0 (BIPOP's small runs draw σ0·10^(−2u), u ~ U(0, 1)). */
  sigma: z.number().positive().meta({ unit: 'weight units' }),
  /** λ of the first run; default 4 + ⌊3 ln n⌋. */
  populationSize: z.number().int().min(2).optional().meta({ unit: 'candidates' }),
  /** Factor λ grows by at each large restart, ≥ 1. Default 2 (Auger & Hansen 2005). */
  increasePopulation: z.number().min(1).default(2).meta({ unit: 'factor' }),
  /** Large-population restarts before giving up, an integer ≥ 0 (BIPOP's small runs do not count). Default 9. */
  maxRestarts: z.number().int().nonnegative().default(9).meta({ unit: 'restarts' }),
  /** When given, each restart draws its mean uniformly from this box instead of reusing `mean`. */
  initialRegion: z
    .strictObject({
      /** Lower bound of every coordinate. */
      lower: z.number().meta({ unit: 'weight units' }),
      /** Upper bound of every coordinate; must be > `lower`. */
      upper: z.number().meta({ unit: 'weight units' }),
    })
    .optional(),
  /** Active CMA in every run (see {@link cmaEsConfigSchema}). Default true. */
  active: z.boolean().default(true),
  /** Global criteria: targetFitness / evaluations / generations end the whole run; tolFun, tolX, tolConditionCov end one restart. */
  stop: cmaStopSchema.default(cmaStopSchema.parse({})),
});
/** What {@link ipopCmaEs} and {@link bipopCmaEs} accept besides the mean (x0 of every run unless `initialRegion` is given): the input side of {@link restartConfigSchema}. */
export type RestartConfig = z.input<typeof restartConfigSchema>;
type Parsed = z.output<typeof restartConfigSchema>;

/** Plain-data state of {@link ipopCmaEs} and {@link bipopCmaEs}: the current CMA-ES run plus the restart bookkeeping. */
export interface RestartState extends StrategyState {
  /** Which restart scheme. */
  readonly kind: 'ipop' | 'bipop';
  /** The parsed config. */
  readonly config: Parsed;
  /** Initial mean x0 of every run (unless `config.initialRegion` is given). */
  readonly initialMean: Float64Array;
  /** The parsed stop criteria: targetFitness / evaluations / generations end the whole run. */
  readonly stopConfig: StopConfig;
  /** State of the CMA-ES run in progress. */
  readonly inner: CmaEsState;
  /** Runs finished and restarted so far (both regimes). */
  readonly restarts: number;
  /** Restarts in the large-population regime; `maxRestarts` caps these (BIPOP's small runs are free). */
  readonly largeRestarts: number;
  /** λ of the next large-population run. */
  readonly largePopulationSize: number;
  /** Regime of the run in progress: IPOP's growing population, or BIPOP's small one. */
  readonly regime: 'large' | 'small';
  /** Evaluations spent in large-population runs (BIPOP runs the regime that has spent less). */
  readonly evaluationsLarge: number;
  /** Evaluations spent in small-population runs. */
  readonly evaluationsSmall: number;
  /** Stop reasons of finished runs, for reporting. */
  readonly runs: readonly Readonly<{
    /** λ of the run. */
    populationSize: number;
    /** Evaluations the run took. */
    evaluations: number;
    /** Best fitness the run found. */
    bestFitness: number;
    /** Why the run stopped (`'tolFun'`, `'tolX'`, ...). */
    stop: string;
  }>[];
}

function innerStop(stop: StopConfig, remaining: number | undefined): StopConfig {
  return { ...stop, evaluations: remaining, generations: undefined };
}

function startRun(config: Parsed, initialMean: Float64Array, rng: Rng, populationSize: number, sigma: number, spent: number): CmaEsState {
  let mean: Float64Array = Float64Array.from(initialMean);
  if (config.initialRegion !== undefined) {
    const { lower, upper } = config.initialRegion;
    mean = rng.fork('mean').fillUniform(new Float64Array(mean.length), lower, upper);
  }
  const remaining = config.stop.evaluations === undefined ? undefined : Math.max(1, config.stop.evaluations - spent);
  return cmaEs.init(mean, { sigma, populationSize, active: config.active, stop: innerStop(config.stop, remaining) }, rng.fork('cma'));
}

function makeRestartStrategy(kind: 'ipop' | 'bipop'): DefinedStrategy<RestartConfig, RestartState> {
  const where = `${kind}CmaEs`;
  return defineStrategy<RestartConfig, Parsed, RestartState>({
    id: `${kind}-cma-es`,
    name: where,
    paper:
      kind === 'ipop'
        ? 'Auger & Hansen, A Restart CMA Evolution Strategy With Increasing Population Size, CEC 2005'
        : 'Hansen, Benchmarking a BI-Population CMA-ES on the BBOB-2009 Function Testbed, GECCO 2009',
    schema: restartConfigSchema,
    check(c) {
      if (c.initialRegion !== undefined && !(c.initialRegion.lower < c.initialRegion.upper)) {
        throw new EvolutionError(`${where}.init`, 'initialRegion.lower < initialRegion.upper', JSON.stringify(c.initialRegion));
      }
    },
    populationSize: (state) => state.inner.constants.lambda,
    // The generation is the inner run's: its eigendecomposition is charged when that run does one.
    flopsPerGeneration: (n, populationSize, state) => cmaEsFlops(n, populationSize, state?.inner),

    start(mean, c, rng) {
      const lambda0 = c.populationSize ?? defaultPopulationSize(mean.length);
      const inner = startRun(c, mean, rng.fork('run-0'), lambda0, c.sigma, 0);
      return {
        kind,
        config: c,
        initialMean: mean,
        stopConfig: c.stop,
        inner,
        restarts: 0,
        largeRestarts: 0,
        largePopulationSize: lambda0,
        regime: 'large',
        evaluationsLarge: 0,
        evaluationsSmall: 0,
        runs: [],
      };
    },

    ask(state) {
      const { state: inner, candidates } = cmaEs.ask(state.inner);
      return { state: { ...state, inner }, candidates };
    },

    // The wrapper counts generations and evaluations and tracks the best over all runs; this
    // update runs the inner CMA-ES and restarts it when it stops on its own criteria.
    update(state, candidates, fitness) {
      const inner = cmaEs.tell(state.inner, candidates, fitness);
      const spent = inner.evaluations - state.inner.evaluations;
      const evaluations = state.evaluations + spent;
      const generation = state.generation + 1;
      const next = {
        ...state,
        inner,
        evaluationsLarge: state.evaluationsLarge + (state.regime === 'large' ? spent : 0),
        evaluationsSmall: state.evaluationsSmall + (state.regime === 'small' ? spent : 0),
      };
      if (inner.stop === null) return next;
      const runs = [
        ...state.runs,
        { populationSize: inner.constants.lambda, evaluations: inner.evaluations, bestFitness: inner.bestFitness, stop: inner.stop },
      ];
      const global = inner.stop === 'targetFitness' || inner.stop === 'evaluations' ? inner.stop : null;
      const maxGen = state.config.stop.generations !== undefined && generation >= state.config.stop.generations ? 'generations' : null;
      const restarts = state.restarts + 1;
      // BIPOP: after the first large restart, run whichever regime has spent less.
      const regime: 'large' | 'small' =
        kind === 'bipop' && restarts > 1 && next.evaluationsSmall < next.evaluationsLarge ? 'small' : 'large';
      const largeRestarts = state.largeRestarts + (regime === 'large' ? 1 : 0);
      const exhausted = largeRestarts > state.config.maxRestarts ? 'maxRestarts' : null;
      const stop = global ?? maxGen ?? exhausted;
      if (stop !== null) return { ...next, runs, stop };

      const rng = Rng.fromState(state.rng);
      const runRng = rng.fork(`run-${restarts}`);
      const lambda0 = state.config.populationSize ?? defaultPopulationSize(state.initialMean.length);
      let largePopulationSize = state.largePopulationSize;
      let lambda: number;
      let sigma = state.config.sigma;
      if (regime === 'large') {
        largePopulationSize = Math.round(largePopulationSize * state.config.increasePopulation);
        lambda = largePopulationSize;
      } else {
        const u = runRng.fork('regime').uniform();
        lambda = Math.max(2, Math.floor(lambda0 * portableMath.pow(largePopulationSize / (2 * lambda0), u * u)));
        sigma = state.config.sigma * portableMath.pow(10, -2 * runRng.fork('regime').uniform());
      }
      const innerNext = startRun(state.config, state.initialMean, runRng, lambda, sigma, evaluations);
      return { ...next, runs, restarts, largeRestarts, largePopulationSize, regime, inner: innerNext, rng: rng.state() };
    },

    // A run that stopped the whole search records why in `stop` (see update).
    stop: (_state, next) => next.stop,
    mean: (state) => Float64Array.from(state.inner.mean),
  });
}

/**
 * IPOP-CMA-ES (Auger & Hansen 2005): restart CMA-ES whenever a run stops on its own criteria,
 * doubling λ each time; better than plain CMA-ES on multimodal functions such as Rastrigin.
 */
export const ipopCmaEs: DefinedStrategy<RestartConfig, RestartState> = makeRestartStrategy('ipop');
/**
 * BIPOP-CMA-ES (Hansen 2009): IPOP's large-population runs interleaved with small-population
 * runs of random λ and σ, always continuing the regime that has spent fewer evaluations.
 */
export const bipopCmaEs: DefinedStrategy<RestartConfig, RestartState> = makeRestartStrategy('bipop');
