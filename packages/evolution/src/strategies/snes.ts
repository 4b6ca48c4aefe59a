/**
 * SNES, separable natural evolution strategy: T. Schaul, T. Glasmachers, J. Schmidhuber,
 * "High Dimensions and Heavy Tails for Natural Evolution Strategies", GECCO 2011,
 * Algorithm 2 (p. 847) with the default utilities and learning rates of Table 1 (p. 848).
 */
import { Rng, portableMath } from '@evoprop/tensor';
import { z } from 'zod';
import { defineStrategy, diagonalFlops } from '../define-strategy.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { vectorSchema } from '../util/config.js';
import { argsort } from '../util/vector.js';
import { defaultPopulationSize } from './cma-weights.js';
import { type NesStopConfig, nesStopSchema } from './stop.js';

/** The config keys SNES and xNES share: λ, η_μ and the stop criteria (each adds its own σ and η_σ). */
export const nesShape = {
  /** λ, candidates per generation, an integer ≥ 2; default 4 + ⌊3 ln n⌋. */
  populationSize: z.number().int().min(2).optional().meta({ unit: 'candidates' }),
  /** η_μ, learning rate of the mean, > 0. Default 1. */
  meanLearningRate: z.number().positive().default(1).meta({ unit: 'per generation' }),
  /** Stop criteria (target, budget, and tolX on the step sizes), see {@link nesStopSchema}. */
  stop: nesStopSchema.default(nesStopSchema.parse({})),
};

/** Zod schema of {@link SnesConfig}; unknown keys are rejected. */
export const snesConfigSchema = z.strictObject({
  /** Initial per-coordinate standard deviation, > 0 (a number, or one per coordinate). Default 1. */
  sigma: z.union([z.number().positive(), vectorSchema]).default(1).meta({ unit: 'weight units' }),
  /** η_σ, learning rate of the standard deviations, > 0; default (3 + ln n) / (5 √n) (Table 1). */
  sigmaLearningRate: z.number().positive().optional().meta({ unit: 'per generation' }),
  ...nesShape,
});
/** What {@link snes}.init accepts besides the mean: the input side of {@link snesConfigSchema}. */
export type SnesConfig = z.input<typeof snesConfigSchema>;

/** The state fields SNES and xNES share. */
export interface NesState extends StrategyState {
  /** Distribution mean μ. */
  readonly mean: Float64Array;
  /** λ, candidates per generation. */
  readonly populationSize: number;
  /** Rank-based utilities, best first, summing to zero (see {@link nesUtilities}). */
  readonly utilities: Float64Array;
  /** η_μ, learning rate of the mean. */
  readonly etaMu: number;
  /** The parsed stop criteria. */
  readonly stopConfig: NesStopConfig;
}

/** Plain-data state of {@link snes}: the search distribution N(μ, diag(σ²)). */
export interface SnesState extends NesState {
  /** Per-coordinate standard deviations σ. */
  readonly sigma: Float64Array;
  /** η_σ, learning rate of the standard deviations. */
  readonly etaSigma: number;
}

/** The first state's fields SNES and xNES share, from the mean and the parsed {@link nesShape} keys. */
export function nesStart(
  mean: Float64Array,
  c: Readonly<{ populationSize?: number | undefined; meanLearningRate: number; stop: NesStopConfig }>,
): Omit<NesState, keyof StrategyState> {
  const populationSize = c.populationSize ?? defaultPopulationSize(mean.length);
  return { mean, populationSize, utilities: nesUtilities(populationSize), etaMu: c.meanLearningRate, stopConfig: c.stop };
}

/** u_k = max(0, ln(λ/2 + 1) − ln k) / Σ_j max(0, ln(λ/2 + 1) − ln j) − 1/λ (Table 1). */
export function nesUtilities(lambda: number): Float64Array {
  const raw = Float64Array.from({ length: lambda }, (_, k) => Math.max(0, portableMath.log(lambda / 2 + 1) - portableMath.log(k + 1)));
  const total = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / total - 1 / lambda);
}

/**
 * SNES (Schaul, Glasmachers & Schmidhuber 2011, Algorithm 2): a natural evolution strategy with a
 * diagonal Gaussian, O(λn) per generation, so it scales to many parameters.
 */
export const snes: DefinedStrategy<SnesConfig, SnesState> = defineStrategy<SnesConfig, z.output<typeof snesConfigSchema>, SnesState>({
  id: 'snes',
  name: 'snes',
  paper: 'Schaul, Glasmachers & Schmidhuber, High Dimensions and Heavy Tails for Natural Evolution Strategies, GECCO 2011',
  schema: snesConfigSchema,
  populationSize: (state) => state.populationSize,
  flopsPerGeneration: diagonalFlops,

  start(mean, c) {
    const n = mean.length;
    return {
      ...nesStart(mean, c),
      sigma: typeof c.sigma === 'number' ? new Float64Array(n).fill(c.sigma) : Float64Array.from(c.sigma),
      etaSigma: c.sigmaLearningRate ?? (3 + portableMath.log(n)) / (5 * Math.sqrt(n)),
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    const n = state.mean.length;
    const candidates = Array.from({ length: state.populationSize }, () => {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = state.mean[i] + state.sigma[i] * rng.normal();
      return x;
    });
    return { state: { ...state, rng: rng.state() }, candidates };
  },

  update(state, candidates, fitness) {
    const n = state.mean.length;
    const order = argsort(fitness);
    const gradMu = new Float64Array(n);
    const gradSigma = new Float64Array(n);
    for (let r = 0; r < order.length; r++) {
      const u = state.utilities[r];
      const x = candidates[order[r]];
      for (let i = 0; i < n; i++) {
        const s = (x[i] - state.mean[i]) / state.sigma[i];
        gradMu[i] += u * s;
        gradSigma[i] += u * (s * s - 1);
      }
    }
    const mean = new Float64Array(n);
    const sigma = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      mean[i] = state.mean[i] + state.etaMu * state.sigma[i] * gradMu[i];
      sigma[i] = state.sigma[i] * portableMath.exp((state.etaSigma / 2) * gradSigma[i]);
    }
    return { ...state, mean, sigma };
  },

  stop: (state, next) => (next.sigma.every((s) => s < state.stopConfig.tolX) ? 'tolX' : null),

  mean: (state) => Float64Array.from(state.mean),
});
