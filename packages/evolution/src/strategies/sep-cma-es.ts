/**
 * sep-CMA-ES: R. Ros & N. Hansen, "A Simple Modification in CMA-ES Achieving Linear Time and
 * Space Complexity", PPSN X (2008), pp. 296–305. The covariance is kept diagonal, and its
 * learning rates are multiplied by (n + 2)/3 (§3, eq. 8), so each generation costs O(λn)
 * and thousands of parameters are practical.
 */
import { Rng, portableMath } from '@evoprop/tensor';
import { z } from 'zod';
import { defineStrategy, diagonalFlops } from '../define-strategy.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { argsort, norm } from '../util/vector.js';
import { type CmaConstants, cmaConstants, defaultPopulationSize } from './cma-weights.js';
import { cmaStopSchema, cmaToleranceStop, type StopConfig } from './stop.js';

/** Zod schema of {@link SepCmaEsConfig}; unknown keys are rejected. */
export const sepCmaEsConfigSchema = z.strictObject({
  /** Initial step size σ0, > 0 (about a quarter of the search range). */
  sigma: z.number().positive().meta({ unit: 'weight units' }),
  /** λ, candidates per generation, an integer ≥ 2; default 4 + ⌊3 ln n⌋. */
  populationSize: z.number().int().min(2).optional().meta({ unit: 'candidates' }),
  /** μ, parents recombined into the new mean, an integer ≥ 1 (capped at λ); default ⌊λ/2⌋. */
  mu: z.number().int().positive().optional().meta({ unit: 'candidates' }),
  /** Stop criteria (target, budget, tolFun, tolX, condition), see {@link cmaStopSchema}. Default: only the tolerances. */
  stop: cmaStopSchema.default(cmaStopSchema.parse({})),
});
/** What {@link sepCmaEs}.init accepts besides the mean: the input side of {@link sepCmaEsConfigSchema} (`sigma` required). */
export type SepCmaEsConfig = z.input<typeof sepCmaEsConfigSchema>;

/** Plain-data state of {@link sepCmaEs}. */
export interface SepCmaEsState extends StrategyState {
  /** Population size, weights and learning rates; c1 and cμ multiplied by (n + 2)/3 (Ros & Hansen 2008, eq. 8). */
  readonly constants: CmaConstants;
  /** Distribution mean m. */
  readonly mean: Float64Array;
  /** Step size σ. */
  readonly sigma: number;
  /** Evolution path p_c of the rank-one update. */
  readonly pc: Float64Array;
  /** Conjugate evolution path p_σ of the step-size adaptation. */
  readonly ps: Float64Array;
  /** Diagonal of C. */
  readonly C: Float64Array;
  /** Best fitness of the last generations, for tolFun. */
  readonly recentBest: number[];
  /** The parsed stop criteria. */
  readonly stopConfig: StopConfig;
}

/**
 * sep-CMA-ES (Ros & Hansen 2008): CMA-ES with a diagonal covariance, O(λn) per generation, for
 * thousands of parameters (a neural network's weights, say).
 */
export const sepCmaEs: DefinedStrategy<SepCmaEsConfig, SepCmaEsState> = defineStrategy<
  SepCmaEsConfig,
  z.output<typeof sepCmaEsConfigSchema>,
  SepCmaEsState
>({
  id: 'sep-cma-es',
  name: 'sepCmaEs',
  paper: 'Ros & Hansen, A Simple Modification in CMA-ES Achieving Linear Time and Space Complexity, PPSN 2008',
  schema: sepCmaEsConfigSchema,
  populationSize: (state) => state.constants.lambda,
  flopsPerGeneration: diagonalFlops,

  start(mean, c) {
    const n = mean.length;
    const lambda = c.populationSize ?? defaultPopulationSize(n);
    const base = cmaConstants(n, lambda, Math.min(c.mu ?? Math.floor(lambda / 2), lambda), false);
    const c1 = (base.c1 * (n + 2)) / 3;
    const constants = { ...base, c1, cmu: Math.min(1 - c1, (base.cmu * (n + 2)) / 3) };
    return {
      constants,
      mean,
      sigma: c.sigma,
      pc: new Float64Array(n),
      ps: new Float64Array(n),
      C: new Float64Array(n).fill(1),
      recentBest: [],
      stopConfig: c.stop,
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    const n = state.mean.length;
    const candidates = Array.from({ length: state.constants.lambda }, () => {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = state.mean[i] + state.sigma * Math.sqrt(state.C[i]) * rng.normal();
      return x;
    });
    return { state: { ...state, rng: rng.state() }, candidates };
  },

  update(state, candidates, fitness) {
    const k = state.constants;
    const n = state.mean.length;
    const order = argsort(fitness);
    const ymean = new Float64Array(n);
    const rankMu = new Float64Array(n);
    for (let r = 0; r < k.mu; r++) {
      const x = candidates[order[r]];
      for (let i = 0; i < n; i++) {
        const y = (x[i] - state.mean[i]) / state.sigma;
        ymean[i] += k.weights[r] * y;
        rankMu[i] += k.weights[r] * y * y;
      }
    }
    const mean = new Float64Array(n);
    const ps = new Float64Array(n);
    const pc = new Float64Array(n);
    const csFactor = Math.sqrt(k.cs * (2 - k.cs) * k.mueff);
    for (let i = 0; i < n; i++) {
      mean[i] = state.mean[i] + state.sigma * ymean[i];
      ps[i] = (1 - k.cs) * state.ps[i] + (csFactor * ymean[i]) / Math.sqrt(state.C[i]);
    }
    const psNorm = norm(ps);
    const g = state.generation + 1;
    const hsig = psNorm / Math.sqrt(1 - portableMath.pow(1 - k.cs, 2 * g)) < (1.4 + 2 / (n + 1)) * k.chiN ? 1 : 0;
    const ccFactor = hsig * Math.sqrt(k.cc * (2 - k.cc) * k.mueff);
    const C = new Float64Array(n);
    const deltaH = (1 - hsig) * k.cc * (2 - k.cc);
    for (let i = 0; i < n; i++) {
      pc[i] = (1 - k.cc) * state.pc[i] + ccFactor * ymean[i];
      C[i] = (1 + k.c1 * deltaH - k.c1 - k.cmu) * state.C[i] + k.c1 * pc[i] * pc[i] + k.cmu * rankMu[i];
    }
    let sigma = state.sigma * portableMath.exp(Math.min(1, (k.cs / k.damps) * (psNorm / k.chiN - 1)));
    if (fitness[order[0]] === fitness[order[Math.min(k.lambda - 1, Math.ceil(0.1 + k.lambda / 4))]])
      sigma *= portableMath.exp(0.2 + k.cs / k.damps);

    const historyLength = 10 + Math.ceil((30 * n) / k.lambda);
    const recentBest = [...state.recentBest, fitness[order[0]]].slice(-historyLength);
    return { ...state, mean, sigma, pc, ps, C, recentBest };
  },

  stop(state, next, fitness) {
    const { sigma, C, pc } = next;
    const historyLength = 10 + Math.ceil((30 * state.mean.length) / state.constants.lambda);
    const condition = (): number => {
      let hi = 0;
      let lo = Infinity;
      for (const v of C) {
        hi = Math.max(hi, v);
        lo = Math.min(lo, v);
      }
      return hi / lo;
    };
    return cmaToleranceStop(state.stopConfig, { recentBest: state.recentBest, historyLength, fitness }, sigma, pc, (i) => C[i], condition);
  },

  mean: (state) => Float64Array.from(state.mean),
});
