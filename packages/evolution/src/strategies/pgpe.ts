/**
 * PGPE, policy gradients with parameter-based exploration: F. Sehnke, C. Osendorfer,
 * T. Rückstieß, A. Graves, J. Peters, J. Schmidhuber, "Parameter-exploring policy gradients",
 * Neural Networks 23(4), 2010 — symmetric sampling (§2.3, eqs. 12–14) with a per-coordinate
 * σ. As in later practice (Toklu et al., "ClipUp", PPSN 2020) fitness is rank-shaped, the
 * mean step goes through an optimizer, and σ's relative change per generation is clipped.
 */
import { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { EvolutionError } from '../errors.js';
import { defineStrategy, diagonalFlops } from '../define-strategy.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { buildOptimizer, type OptimizerSpec, optimizerSpecSchema, optimizerStep } from '../util/optimizer.js';
import { centredRanks } from '../util/vector.js';
import { type BudgetStopConfig, budgetStopSchema } from './stop.js';

/** Zod schema of {@link PgpeConfig}; unknown keys are rejected. */
export const pgpeConfigSchema = z.strictObject({
  /** Initial exploration standard deviation σ of every coordinate, > 0. Default 0.1. */
  sigma: z.number().positive().default(0.1).meta({ unit: 'weight units' }),
  /** Number of candidates: pairs μ ± ε, so it must be even (≥ 2). Default 50. */
  populationSize: z.number().int().min(2).default(50).meta({ unit: 'candidates' }),
  /** Optimizer that applies the estimated mean gradient, see {@link optimizerSpecSchema}. Default Adam, learningRate 0.05. */
  optimizer: optimizerSpecSchema.default({ name: 'adam', learningRate: 0.05 }),
  /** Learning rate of σ (plain gradient step, then clipped by `maxSigmaChange`), > 0. Default 0.1. */
  sigmaLearningRate: z.number().positive().default(0.1).meta({ unit: 'per generation' }),
  /** Largest relative change of any σ_i in one generation, > 0 (ClipUp's practice). Default 0.2. */
  maxSigmaChange: z.number().positive().default(0.2).meta({ unit: 'fraction of σ' }),
  /** Stop criteria (target and budget), see {@link budgetStopSchema}; tolerances such as tolX are rejected. */
  stop: budgetStopSchema.default(budgetStopSchema.parse({})),
});
/** What {@link pgpe}.init accepts besides the mean: the input side of {@link pgpeConfigSchema}. */
export type PgpeConfig = z.input<typeof pgpeConfigSchema>;

/** Plain-data state of {@link pgpe}. */
export interface PgpeState extends StrategyState {
  /** Distribution mean μ. */
  readonly mean: Float64Array;
  /** Per-coordinate exploration standard deviations σ. */
  readonly sigma: Float64Array;
  /** Candidates per generation (an even number). */
  readonly populationSize: number;
  /** The optimizer of the mean, as plain data. */
  readonly optimizer: OptimizerSpec;
  /** That optimizer's state (plain data, e.g. Adam's moments). */
  readonly optimizerState: unknown;
  /** Learning rate of σ. */
  readonly sigmaLearningRate: number;
  /** Largest relative change of any σ_i in one generation. */
  readonly maxSigmaChange: number;
  /** The parsed stop criteria. */
  readonly stopConfig: BudgetStopConfig;
}

/**
 * PGPE (Sehnke et al. 2010) with symmetric sampling, rank-shaped fitness, an optimizer for the
 * mean and clipped σ updates (Toklu et al. 2020). O(λn) per generation.
 */
export const pgpe: DefinedStrategy<PgpeConfig, PgpeState> = defineStrategy<PgpeConfig, z.output<typeof pgpeConfigSchema>, PgpeState>({
  id: 'pgpe',
  name: 'pgpe',
  paper: 'Sehnke et al., Parameter-exploring policy gradients, Neural Networks 23(4), 2010',
  schema: pgpeConfigSchema,
  check(c) {
    if (c.populationSize % 2 !== 0)
      throw new EvolutionError('pgpe.init', 'an even populationSize (symmetric pairs)', String(c.populationSize));
  },
  populationSize: (state) => state.populationSize,
  flopsPerGeneration: diagonalFlops,

  start(mean, c) {
    const n = mean.length;
    return {
      mean,
      sigma: new Float64Array(n).fill(c.sigma),
      populationSize: c.populationSize,
      optimizer: c.optimizer,
      optimizerState: buildOptimizer(c.optimizer).init(n),
      sigmaLearningRate: c.sigmaLearningRate,
      maxSigmaChange: c.maxSigmaChange,
      stopConfig: c.stop,
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    const n = state.mean.length;
    const candidates: Float64Array[] = [];
    for (let k = 0; k < state.populationSize / 2; k++) {
      const plus = new Float64Array(n);
      const minus = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const e = state.sigma[i] * rng.normal();
        plus[i] = state.mean[i] + e;
        minus[i] = state.mean[i] - e;
      }
      candidates.push(plus, minus);
    }
    return { state: { ...state, rng: rng.state() }, candidates };
  },

  update(state, candidates, fitness) {
    const n = state.mean.length;
    const F = centredRanks(fitness);
    const pairs = state.populationSize / 2;
    const gradMu = new Float64Array(n);
    const gradSigma = new Float64Array(n);
    for (let k = 0; k < pairs; k++) {
      const plus = candidates[2 * k];
      const fPlus = F[2 * k];
      const fMinus = F[2 * k + 1];
      // Eq. 12–13 in loss form: the baseline of centred ranks is 0.
      const diff = (fPlus - fMinus) / 2;
      const avg = (fPlus + fMinus) / 2;
      for (let i = 0; i < n; i++) {
        const e = plus[i] - state.mean[i];
        const s = state.sigma[i];
        gradMu[i] += (diff * e) / pairs;
        gradSigma[i] += (avg * (e * e - s * s)) / s / pairs;
      }
    }
    const { mean, state: optimizerState } = optimizerStep(state.optimizer, state.optimizerState, state.mean, gradMu);
    const sigma = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = state.sigma[i];
      const step = Math.max(-state.maxSigmaChange * s, Math.min(state.maxSigmaChange * s, -state.sigmaLearningRate * gradSigma[i]));
      sigma[i] = s + step;
    }
    return { ...state, mean, sigma, optimizerState };
  },

  mean: (state) => Float64Array.from(state.mean),
});
