/**
 * CMA-ES: covariance matrix adaptation evolution strategy.
 * N. Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772 (2016).
 * Defaults from Table 1 (p. 31), update equations from Fig. 6 (p. 29/30): weighted
 * recombination, cumulative step-size adaptation (CSA), rank-one and rank-μ updates with
 * active (negative) weights, h_σ stall of p_c, and a lazy eigendecomposition (pycma's gap; Jacobi
 * up to 64-D, Householder + QL above).
 */
import { Rng, type RngState, portableMath } from '@evoprop/tensor';
import { z } from 'zod';
import { covarianceBookkeepingFlops, decompositionFlops, defineStrategy, fullCovarianceFlops } from '../define-strategy.js';
import { symmetricEigenQl } from '../linalg/householder-ql.js';
import { symmetricEigen } from '../linalg/jacobi.js';
import type { DefinedStrategy, StrategyState } from '../strategy.js';
import { argsort, norm } from '../util/vector.js';
import { type CmaConstants, cmaConstants, defaultPopulationSize } from './cma-weights.js';
import { cmaStopSchema, cmaToleranceStop, type StopConfig } from './stop.js';

/** Zod schema of {@link CmaEsConfig}; unknown keys are rejected. */
export const cmaEsConfigSchema = z.strictObject({
  /** Initial step size σ0, > 0 (about a quarter of the search range is a good default). */
  sigma: z.number().positive().meta({ unit: 'weight units' }),
  /** λ, candidates per generation, an integer ≥ 2; default 4 + ⌊3 ln n⌋ (Hansen 2016, Table 1). */
  populationSize: z.number().int().min(2).optional().meta({ unit: 'candidates' }),
  /** μ, parents recombined into the new mean, an integer ≥ 1 (capped at λ); default ⌊λ/2⌋. */
  mu: z.number().int().positive().optional().meta({ unit: 'candidates' }),
  /** Active CMA: negative weights for the worst λ−μ (Hansen 2016, p. 31). Default true (pycma's default). */
  active: z.boolean().default(true),
  /**
   * Generations between eigendecompositions, an integer ≥ 1; default {@link lazyEigenInterval}:
   * max(1, ⌈1/(10 n (c1+cμ))⌉), pycma's lazy update gap (Hansen 2016, p. 37).
   */
  eigenEvery: z.number().int().positive().optional().meta({ unit: 'generations' }),
  /** Stop criteria (target, budget, tolFun, tolX, condition), see {@link cmaStopSchema}. Default: only the tolerances. */
  stop: cmaStopSchema.default(cmaStopSchema.parse({})),
});
/** What {@link cmaEs}.init accepts besides the mean: the input side of {@link cmaEsConfigSchema} (`sigma` required). */
export type CmaEsConfig = z.input<typeof cmaEsConfigSchema>;

/** Plain-data state of {@link cmaEs}; symbols as in Hansen (2016), Fig. 6. */
export interface CmaEsState extends StrategyState {
  /** Search dimension. */
  readonly n: number;
  /** Population size, weights and learning rates (Table 1). */
  readonly constants: CmaConstants;
  /** Distribution mean m. */
  readonly mean: Float64Array;
  /** Step size σ. */
  readonly sigma: number;
  /** Initial step size σ0, as configured. */
  readonly sigma0: number;
  /** Evolution path p_c of the rank-one covariance update. */
  readonly pc: Float64Array;
  /** Conjugate evolution path p_σ of the step-size adaptation (CSA). */
  readonly ps: Float64Array;
  /** Covariance C, row-major n×n, and its eigendecomposition C = B diag(D²) Bᵀ. */
  readonly C: Float64Array;
  /** Eigenvectors of C, row-major n×n (columns are the eigenvectors). */
  readonly B: Float64Array;
  /** Square roots of C's eigenvalues (standard deviations along the axes of B). */
  readonly D: Float64Array;
  /** Generations between two eigendecompositions. */
  readonly eigenEvery: number;
  /** Generation of the last eigendecomposition. */
  readonly eigenGeneration: number;
  /** Best fitness of the last generations, for tolFun. */
  readonly recentBest: number[];
  /** The parsed stop criteria. */
  readonly stopConfig: StopConfig;
}

/** y = B (D ⊙ z). */
function transform(B: Float64Array, D: Float64Array, z: Float64Array, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += B[i * n + k] * D[k] * z[k];
    out[i] = s;
  }
}

/** C^{-1/2} y = B D⁻¹ Bᵀ y. */
function invSqrtC(B: Float64Array, D: Float64Array, y: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += B[i * n + k] * y[i];
    t[k] = s / D[k];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += B[i * n + k] * t[k];
    out[i] = s;
  }
  return out;
}

// Up to this dimension Jacobi (accurate, cheap at that size; every result up to 64-D as before);
// above it Householder + QL, a few n³ instead of 3n³ per Jacobi sweep (about 10 s instead of
// minutes at n = 1,000).
const JACOBI_UP_TO = 64;

function decompose(C: Float64Array, n: number): { B: Float64Array; D: Float64Array } {
  const { values, vectors } = n <= JACOBI_UP_TO ? symmetricEigen(C, n) : symmetricEigenQl(C, n);
  const D = new Float64Array(n);
  for (let i = 0; i < n; i++) D[i] = Math.sqrt(Math.max(values[i], 1e-300));
  return { B: vectors, D };
}

/**
 * Generations between two eigendecompositions of C by default: the covariance moves by about
 * c1 + cμ per generation, so B and D may lag 1/(10 n (c1 + cμ)) generations (Hansen 2016, p. 37,
 * B.2). pycma (`sampler.py`, `update_now`) decomposes once at least that many tells have passed
 * since the last one, i.e. every max(1, ⌈1/(10 n (c1 + cμ))⌉) generations: 1 up to n = 80,
 * 3 at n = 200 and 9 at n = 1,000 with the default λ.
 */
export const lazyEigenInterval = (n: number, k: Pick<CmaConstants, 'c1' | 'cmu'>): number =>
  Math.max(1, Math.ceil(1 / (10 * n * (k.c1 + k.cmu))));

/** Whether the tell from `state` recomputes the eigendecomposition (every `eigenEvery` generations, p. 37). */
const decomposesAfter = (state: CmaEsState): boolean => state.generation + 1 - state.eigenGeneration >= state.eigenEvery;

/**
 * FLOPs of the CMA-ES generation asked from `state`: 4λn² of sampling and covariance update, plus
 * n³ only when its tell recomputes the eigendecomposition (every `eigenEvery` generations,
 * Hansen 2016, p. 37), so the decomposition is charged O(n³ / eigenEvery) amortised. Without a
 * state, the upper bound of a generation that decomposes.
 */
export function cmaEsFlops(n: number, populationSize: number, state?: CmaEsState): number {
  if (state === undefined) return fullCovarianceFlops(n, populationSize);
  return covarianceBookkeepingFlops(n, populationSize) + (decomposesAfter(state) ? decompositionFlops(n) : 0);
}

/**
 * CMA-ES (Hansen 2016) as an ask/tell strategy: weighted recombination, cumulative step-size
 * adaptation, rank-one and rank-μ covariance updates, optionally active. O(n²) memory, so it
 * suits up to a few hundred parameters; use {@link sepCmaEs} beyond.
 *
 * @example
 * const state = minimize(cmaEs, { mean: [1, 1], sigma: 0.5 }, rosenbrock, { rng: Rng.fromSeed(0), generations: 500 });
 */
export const cmaEs: DefinedStrategy<CmaEsConfig, CmaEsState> = defineStrategy<CmaEsConfig, z.output<typeof cmaEsConfigSchema>, CmaEsState>({
  id: 'cma-es',
  name: 'cmaEs',
  paper: 'Hansen, The CMA Evolution Strategy: A Tutorial, arXiv:1604.00772 (2016)',
  schema: cmaEsConfigSchema,
  populationSize: (state) => state.constants.lambda,
  flopsPerGeneration: cmaEsFlops,

  start(mean, c) {
    const n = mean.length;
    const lambda = c.populationSize ?? defaultPopulationSize(n);
    const mu = Math.min(c.mu ?? Math.floor(lambda / 2), lambda);
    const constants = cmaConstants(n, lambda, mu, c.active);
    const C = new Float64Array(n * n);
    const B = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      C[i * n + i] = 1;
      B[i * n + i] = 1;
    }
    return {
      n,
      constants,
      mean,
      sigma: c.sigma,
      sigma0: c.sigma,
      pc: new Float64Array(n),
      ps: new Float64Array(n),
      C,
      B,
      D: new Float64Array(n).fill(1),
      eigenEvery: c.eigenEvery ?? lazyEigenInterval(n, constants),
      eigenGeneration: 0,
      recentBest: [],
      stopConfig: c.stop,
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    const { n, B, D, mean, sigma } = state;
    const z = new Float64Array(n);
    const y = new Float64Array(n);
    const candidates: Float64Array[] = [];
    for (let k = 0; k < state.constants.lambda; k++) {
      rng.fillNormal(z);
      transform(B, D, z, n, y);
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = mean[i] + sigma * y[i];
      candidates.push(x);
    }
    return { state: { ...state, rng: rng.state() as RngState }, candidates };
  },

  update(state, candidates, fitness) {
    const { n, constants: k, B, D } = state;
    const order = argsort(fitness);
    const ys = Array.from(order, (idx) => {
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = (candidates[idx][i] - state.mean[i]) / state.sigma;
      return y;
    });
    const ymean = new Float64Array(n);
    for (let r = 0; r < k.mu; r++) for (let i = 0; i < n; i++) ymean[i] += k.weights[r] * ys[r][i];

    const mean = new Float64Array(n);
    for (let i = 0; i < n; i++) mean[i] = state.mean[i] + state.sigma * ymean[i]; // c_m = 1

    const zmean = invSqrtC(B, D, ymean, n);
    const ps = new Float64Array(n);
    const csFactor = Math.sqrt(k.cs * (2 - k.cs) * k.mueff);
    for (let i = 0; i < n; i++) ps[i] = (1 - k.cs) * state.ps[i] + csFactor * zmean[i];
    const psNorm = norm(ps);
    const g = state.generation + 1;
    const hsig = psNorm / Math.sqrt(1 - portableMath.pow(1 - k.cs, 2 * g)) < (1.4 + 2 / (n + 1)) * k.chiN ? 1 : 0;
    const pc = new Float64Array(n);
    const ccFactor = hsig * Math.sqrt(k.cc * (2 - k.cc) * k.mueff);
    for (let i = 0; i < n; i++) pc[i] = (1 - k.cc) * state.pc[i] + ccFactor * ymean[i];

    // Rank-μ weights w°: negative ones rescaled by n / ‖C^{-1/2} y‖² (p. 30, eq. 46).
    const wo = new Float64Array(k.lambda);
    let sumW = 0;
    for (let r = 0; r < k.lambda; r++) {
      sumW += k.weights[r];
      if (k.weights[r] >= 0) wo[r] = k.weights[r];
      else {
        const zr = norm(invSqrtC(B, D, ys[r], n));
        wo[r] = (k.weights[r] * n) / Math.max(zr * zr, 1e-300);
      }
    }
    const deltaH = (1 - hsig) * k.cc * (2 - k.cc);
    const decay = 1 + k.c1 * deltaH - k.c1 - k.cmu * sumW;
    const C = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let rankMu = 0;
        for (let r = 0; r < k.lambda; r++) if (wo[r] !== 0) rankMu += wo[r] * ys[r][i] * ys[r][j];
        const v = decay * state.C[i * n + j] + k.c1 * pc[i] * pc[j] + k.cmu * rankMu;
        C[i * n + j] = v;
        C[j * n + i] = v;
      }
    }
    // CSA (eq. 44), with pycma's cap of the exponent at 1 against explosive steps.
    let sigma = state.sigma * portableMath.exp(Math.min(1, (k.cs / k.damps) * (psNorm / k.chiN - 1)));
    // Flat fitness: the best and the ⌈0.1 + λ/4⌉-th are equal, so the step is too small to tell them apart.
    if (fitness[order[0]] === fitness[order[Math.min(k.lambda - 1, Math.ceil(0.1 + k.lambda / 4))]])
      sigma *= portableMath.exp(0.2 + k.cs / k.damps);

    let { B: nextB, D: nextD, eigenGeneration } = state;
    if (decomposesAfter(state)) {
      ({ B: nextB, D: nextD } = decompose(C, n));
      eigenGeneration = g;
    }
    const historyLength = 10 + Math.ceil((30 * n) / k.lambda);
    const recentBest = [...state.recentBest, fitness[order[0]]].slice(-historyLength);
    return { ...state, mean, sigma, pc, ps, C, B: nextB, D: nextD, eigenGeneration, recentBest };
  },

  stop(state, next, fitness) {
    const { n, constants: k } = state;
    const { sigma, C, pc, D } = next;
    const historyLength = 10 + Math.ceil((30 * n) / k.lambda);
    const condition = (): number => {
      let dMax = 0;
      let dMin = Infinity;
      for (const d of D) {
        dMax = Math.max(dMax, d);
        dMin = Math.min(dMin, d);
      }
      return (dMax / dMin) ** 2;
    };
    const tolerance = cmaToleranceStop(
      state.stopConfig,
      { recentBest: state.recentBest, historyLength, fitness },
      sigma,
      pc,
      (i) => C[i * n + i],
      condition,
    );
    return tolerance ?? (Number.isFinite(sigma) ? null : 'sigmaDiverged');
  },

  mean: (state) => Float64Array.from(state.mean),
});
