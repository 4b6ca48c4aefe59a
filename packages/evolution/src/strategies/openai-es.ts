/**
 * OpenAI-ES: T. Salimans, J. Ho, X. Chen, S. Sidor, I. Sutskever, "Evolution Strategies as a
 * Scalable Alternative to Reinforcement Learning", arXiv:1703.03864 (2017).
 * Algorithm 1 (p. 3) with the §2.1 refinements: antithetic (mirrored) sampling, centred-rank
 * fitness shaping, L2 weight decay, and the estimated gradient handed to an optimizer (Adam).
 */
import { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { EvolutionError } from '../errors.js';
import { checkTell, sanitizeFitness, type Strategy, type StrategyState, updateBest } from '../strategy.js';
import { parseConfig, vectorSchema } from '../util/config.js';
import { buildOptimizer, type OptimizerSpec, optimizerSpecSchema, optimizerStep } from '../util/optimizer.js';
import { centredRanks } from '../util/vector.js';
import { budgetStop, stopSchema, type StopConfig } from './stop.js';

export const openAiEsConfigSchema = z.strictObject({
  mean: vectorSchema,
  /** Noise standard deviation σ. */
  sigma: z.number().positive().default(0.1),
  /** Multiply σ by this after every generation (down to `sigmaMin`). */
  sigmaDecay: z.number().positive().max(1).default(1),
  sigmaMin: z.number().nonnegative().default(0),
  populationSize: z.number().int().min(2).default(50),
  antithetic: z.boolean().default(true),
  /** 'centred-ranks' (paper), 'z-score', or 'raw' fitness. */
  fitnessShaping: z.enum(['centred-ranks', 'z-score', 'raw']).default('centred-ranks'),
  /** L2 coefficient added to the estimated gradient (the paper's code: l2coeff 0.005). */
  weightDecay: z.number().nonnegative().default(0),
  optimizer: optimizerSpecSchema.default({ name: 'adam', lr: 0.01 }),
  stop: stopSchema.default(stopSchema.parse({})),
});
export type OpenAiEsConfig = z.input<typeof openAiEsConfigSchema>;

export type OpenAiEsState = StrategyState &
  Readonly<{
    mean: Float64Array;
    sigma: number;
    populationSize: number;
    antithetic: boolean;
    fitnessShaping: 'centred-ranks' | 'z-score' | 'raw';
    weightDecay: number;
    sigmaDecay: number;
    sigmaMin: number;
    optimizer: OptimizerSpec;
    optimizerState: unknown;
    stopConfig: StopConfig;
  }>;

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

export const openAiEs: Strategy<OpenAiEsConfig, OpenAiEsState> = {
  id: 'openai-es',
  paper: 'Salimans et al., Evolution Strategies as a Scalable Alternative to Reinforcement Learning, arXiv:1703.03864 (2017)',

  init(config, rng) {
    const c = parseConfig('openAiEs.init', openAiEsConfigSchema, config);
    if (c.antithetic && c.populationSize % 2 !== 0) {
      throw new EvolutionError('openAiEs.init', 'an even populationSize with antithetic sampling', String(c.populationSize));
    }
    const mean = Float64Array.from(c.mean);
    return {
      generation: 0,
      evaluations: 0,
      rng: rng.state(),
      best: Float64Array.from(mean),
      bestFitness: Infinity,
      stop: null,
      mean,
      sigma: c.sigma,
      populationSize: c.populationSize,
      antithetic: c.antithetic,
      fitnessShaping: c.fitnessShaping,
      weightDecay: c.weightDecay,
      sigmaDecay: c.sigmaDecay,
      sigmaMin: c.sigmaMin,
      optimizer: c.optimizer,
      optimizerState: buildOptimizer(c.optimizer).init(mean.length),
      stopConfig: c.stop,
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
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

  tell(state, candidates, rawFitness) {
    const n = state.mean.length;
    checkTell('openAiEs.tell', n, state.populationSize, candidates, rawFitness);
    const fitness = sanitizeFitness(rawFitness);
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
    for (let i = 0; i < n; i++) grad[i] += state.weightDecay * state.mean[i];
    const { mean, state: optimizerState } = optimizerStep(state.optimizer, state.optimizerState, state.mean, grad);
    const generation = state.generation + 1;
    const evaluations = state.evaluations + candidates.length;
    const { best, bestFitness } = updateBest(state.best, state.bestFitness, candidates, fitness);
    const sigma = Math.max(state.sigmaMin, state.sigma * state.sigmaDecay);
    const stop = budgetStop(state.stopConfig, generation, evaluations, bestFitness);
    return { ...state, generation, evaluations, best, bestFitness, stop, mean, sigma, optimizerState };
  },

  mean: (state) => Float64Array.from(state.mean),
};
