/**
 * OpenAI-ES: T. Salimans, J. Ho, X. Chen, S. Sidor, I. Sutskever, "Evolution Strategies as a
 * Scalable Alternative to Reinforcement Learning", arXiv:1703.03864 (2017).
 * Algorithm 1 (p. 3) with the §2.1 refinements: antithetic (mirrored) sampling, centred-rank
 * fitness shaping, L2 weight decay, and the estimated gradient handed to an optimizer (Adam).
 */
import { Rng } from '@evoprop/tensor';
import { deprecatedKeys } from '@evoprop/core/config';
import { z } from 'zod';
import { EvolutionError } from '../errors.js';
import { defineStrategy, diagonalFlops } from '../define-strategy.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { buildOptimizer, type OptimizerSpec, optimizerSpecSchema, optimizerStep } from '../util/optimizer.js';
import { centredRanks } from '../util/vector.js';
import { type BudgetStopConfig, budgetStopSchema } from './stop.js';

/** Zod schema of {@link OpenAiEsConfig}; unknown keys are rejected. */
export const openAiEsConfigSchema = deprecatedKeys(
  z.strictObject({
    /** Noise standard deviation σ, > 0. Default 0.1. */
    sigma: z.number().positive().default(0.1).meta({ unit: 'weight units' }),
    /** Multiply σ by this after every generation (down to `sigmaMin`), in (0, 1]. Default 1 (no decay). */
    sigmaDecay: z.number().positive().max(1).default(1).meta({ unit: 'factor per generation' }),
    /** Lower bound of σ under `sigmaDecay`, ≥ 0. Default 0. */
    sigmaMin: z.number().nonnegative().default(0).meta({ unit: 'weight units' }),
    /** Candidates per generation, an integer ≥ 2 (even with `antithetic`). Default 50. */
    populationSize: z.number().int().min(2).default(50).meta({ unit: 'candidates' }),
    /** Mirrored sampling θ ± σε (Salimans et al. 2017, §2.1): halves the variance of the estimate. Default true. */
    antithetic: z.boolean().default(true),
    /** 'centred-ranks' (paper), 'z-score', or 'raw' fitness. Default 'centred-ranks'. */
    fitnessShaping: z.enum(['centred-ranks', 'z-score', 'raw']).default('centred-ranks'),
    /** Coupled L2 penalty λ, ≥ 0: λ·θ added to the estimated loss gradient before the optimizer (the paper's code: l2coeff 0.005; formerly `weightDecay`). Default 0. */
    l2: z.number().nonnegative().default(0).meta({ unit: 'coefficient' }),
    /** Optimizer that applies the estimated gradient, see {@link optimizerSpecSchema}. Default Adam, learningRate 0.01. */
    optimizer: optimizerSpecSchema.default({ name: 'adam', learningRate: 0.01 }),
    /** Stop criteria (target and budget), see {@link budgetStopSchema}; tolerances such as tolX are rejected. */
    stop: budgetStopSchema.default(budgetStopSchema.parse({})),
    /**
     * Where each generation's noise comes from. 'stream' (default): one draw after another from the
     * strategy's RNG. 'indexed': one seed per generation, and candidate pair k's ε from that seed and k
     * alone (Salimans et al. 2017, §2.1 and Algorithm 2: workers regenerate a perturbation from its
     * seed), so an evaluator can send seeds instead of parameter vectors (see {@link openAiEsRecipe}).
     * The two give different (equally valid) samples.
     */
    noise: z.enum(['stream', 'indexed']).default('stream'),
  }),
  { weightDecay: 'l2' },
);
/** What {@link openAiEs}.init accepts besides the initial θ: the input side of {@link openAiEsConfigSchema}. */
export type OpenAiEsConfig = z.input<typeof openAiEsConfigSchema>;

/** Plain-data state of {@link openAiEs}. */
export interface OpenAiEsState extends StrategyState {
  /** Current parameter vector θ (the centre of the perturbations). */
  readonly mean: Float64Array;
  /** Current noise standard deviation σ. */
  readonly sigma: number;
  /** Candidates per generation. */
  readonly populationSize: number;
  /** Whether candidates come in mirrored pairs. */
  readonly antithetic: boolean;
  /** How fitness becomes weights of the gradient estimate (see {@link shapeFitness}). */
  readonly fitnessShaping: 'centred-ranks' | 'z-score' | 'raw';
  /** Coupled L2 penalty added to the estimated gradient (a state checkpointed before the rename holds `weightDecay` instead). */
  readonly l2: number;
  /** Factor applied to σ after every generation. */
  readonly sigmaDecay: number;
  /** Lower bound of σ. */
  readonly sigmaMin: number;
  /** The optimizer of θ, as plain data. */
  readonly optimizer: OptimizerSpec;
  /** That optimizer's state (plain data, e.g. Adam's moments). */
  readonly optimizerState: unknown;
  /** The parsed stop criteria. */
  readonly stopConfig: BudgetStopConfig;
  /** Present with `noise: 'indexed'` (absent otherwise, so 'stream' states are as before). */
  readonly noise?: 'indexed';
  /** With indexed noise: the seed of the last asked generation's perturbations. */
  readonly noiseSeed?: number;
}

/**
 * Everything needed to rebuild the candidates of one OpenAI-ES generation with indexed noise: the
 * mean, σ, the generation's noise seed and the pairing. Candidate `i` is {@link openAiEsCandidate}`(recipe, i)`.
 */
export type OpenAiEsRecipe = Readonly<{
  /** θ, the centre of the perturbations. */
  mean: Float64Array;
  /** σ. */
  sigma: number;
  /** The generation's noise seed. */
  noiseSeed: number;
  /** Whether candidates come in mirrored pairs (2k: θ + σε_k, 2k + 1: θ − σε_k). */
  antithetic: boolean;
}>;

/** ε of pair (or candidate) `k` of the generation with noise seed `noiseSeed`, dimension `n`: a function of the three alone. */
function indexedNoise(noiseSeed: number, k: number, n: number): Float64Array {
  return Rng.fromSeed(`openai-es/${noiseSeed}/${k}`).fillNormal(new Float64Array(n));
}

/** Candidate `index` of the generation `recipe` describes, bit-identical to the one `ask` returned. */
export function openAiEsCandidate(recipe: OpenAiEsRecipe, index: number): Float64Array {
  const k = recipe.antithetic ? Math.floor(index / 2) : index;
  const s = recipe.antithetic && index % 2 === 1 ? -1 : 1;
  const eps = indexedNoise(recipe.noiseSeed, k, recipe.mean.length);
  const x = new Float64Array(eps.length);
  for (let i = 0; i < x.length; i++) x[i] = recipe.mean[i] + s * recipe.sigma * eps[i];
  return x;
}

/** The recipe of the generation just asked (the state `ask` returned), or null unless the state uses indexed noise. */
export function openAiEsRecipe(asked: OpenAiEsState): OpenAiEsRecipe | null {
  if (asked.noise !== 'indexed' || asked.noiseSeed === undefined) return null;
  return { mean: asked.mean, sigma: asked.sigma, noiseSeed: asked.noiseSeed, antithetic: asked.antithetic };
}

/** Fitness transformed into the weights of the gradient estimate (lower fitness ⇒ lower weight). */
export function shapeFitness(kind: OpenAiEsState['fitnessShaping'], fitness: Float64Array): Float64Array {
  if (kind === 'centred-ranks') return centredRanks(fitness);
  const n = fitness.length;
  let mean = 0;
  for (const f of fitness) mean += f / n;
  if (kind === 'raw') return fitness.map((f) => f - mean);
  let v = 0;
  for (const f of fitness) v += (f - mean) ** 2 / n;
  const sd = Math.sqrt(v) || 1;
  return fitness.map((f) => (f - mean) / sd);
}

/**
 * OpenAI-ES (Salimans et al. 2017, Algorithm 1): Gaussian perturbations of θ, a gradient estimated
 * from their shaped fitness, applied by an optimizer (Adam by default). O(λn) per generation.
 */
export const openAiEs: DefinedStrategy<OpenAiEsConfig, OpenAiEsState> = defineStrategy<
  OpenAiEsConfig,
  z.output<typeof openAiEsConfigSchema>,
  OpenAiEsState
>({
  id: 'openai-es',
  name: 'openAiEs',
  paper: 'Salimans et al., Evolution Strategies as a Scalable Alternative to Reinforcement Learning, arXiv:1703.03864 (2017)',
  schema: openAiEsConfigSchema,
  check(c) {
    if (c.antithetic && c.populationSize % 2 !== 0) {
      throw new EvolutionError('openAiEs.init', 'an even populationSize with antithetic sampling', String(c.populationSize));
    }
  },
  populationSize: (state) => state.populationSize,
  flopsPerGeneration: diagonalFlops,

  start(mean, c) {
    return {
      mean,
      sigma: c.sigma,
      populationSize: c.populationSize,
      antithetic: c.antithetic,
      fitnessShaping: c.fitnessShaping,
      l2: c.l2,
      sigmaDecay: c.sigmaDecay,
      sigmaMin: c.sigmaMin,
      optimizer: c.optimizer,
      optimizerState: buildOptimizer(c.optimizer).init(mean.length),
      stopConfig: c.stop,
      ...(c.noise === 'indexed' ? { noise: 'indexed' as const } : {}),
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    if (state.noise === 'indexed') {
      const noiseSeed = rng.int(0, 2 ** 31);
      const recipe: OpenAiEsRecipe = { mean: state.mean, sigma: state.sigma, noiseSeed, antithetic: state.antithetic };
      const candidates = Array.from({ length: state.populationSize }, (_, i) => openAiEsCandidate(recipe, i));
      return { state: { ...state, rng: rng.state(), noiseSeed }, candidates };
    }
    const n = state.mean.length;
    const candidates: Float64Array[] = [];
    const eps = new Float64Array(n);
    const draws = state.antithetic ? state.populationSize / 2 : state.populationSize;
    for (let k = 0; k < draws; k++) {
      rng.fillNormal(eps);
      const signs = state.antithetic ? [1, -1] : [1];
      for (const s of signs) {
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) x[i] = state.mean[i] + s * state.sigma * eps[i];
        candidates.push(x);
      }
    }
    return { state: { ...state, rng: rng.state() }, candidates };
  },

  update(state, candidates, fitness) {
    const n = state.mean.length;
    const weights = shapeFitness(state.fitnessShaping, fitness);
    // ∇ E[F(θ + σε)] ≈ 1/(λσ) Σ F_i ε_i with ε_i = (x_i − θ)/σ (Algorithm 1, line 5).
    const grad = new Float64Array(n);
    const scale = 1 / (state.populationSize * state.sigma);
    for (let k = 0; k < candidates.length; k++) {
      const w = weights[k] * scale;
      if (w === 0) continue;
      const x = candidates[k];
      for (let i = 0; i < n; i++) grad[i] += (w * (x[i] - state.mean[i])) / state.sigma;
    }
    // Coupled L2 (the paper's code: g ← g + l2coeff·θ, before the optimizer).
    const l2 = state.l2 ?? (state as { weightDecay?: number }).weightDecay ?? 0;
    for (let i = 0; i < n; i++) grad[i] += l2 * state.mean[i];
    const { mean, state: optimizerState } = optimizerStep(state.optimizer, state.optimizerState, state.mean, grad);
    const sigma = Math.max(state.sigmaMin, state.sigma * state.sigmaDecay);
    return { ...state, mean, sigma, optimizerState };
  },

  mean: (state) => Float64Array.from(state.mean),
});
