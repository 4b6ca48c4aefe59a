/**
 * xNES, exponential natural evolution strategy: T. Glasmachers, T. Schaul, Y. Sun,
 * D. Wierstra, J. Schmidhuber, "Exponential Natural Evolution Strategies", GECCO 2010,
 * Algorithm 1 (p. 395) with the default learning rates of Table 1 (p. 397). The search
 * distribution is N(μ, σ²BBᵀ) with det B = 1; B is updated multiplicatively through the
 * matrix exponential, so it stays invertible. O(n³) per generation: for small n.
 */
import { Rng, portableMath } from '@evoprop/tensor';
import { z } from 'zod';
import { symmetricEigen } from '../linalg/jacobi.js';
import { defineStrategy, fullCovarianceFlops } from '../define-strategy.js';
import type { DefinedStrategy } from '../strategy.js';
import { argsort } from '../util/vector.js';
import { type NesState, nesShape, nesStart } from './snes.js';

/** Zod schema of {@link XnesConfig}; unknown keys are rejected. */
export const xnesConfigSchema = z.strictObject({
  /** Initial global step size σ, > 0. Default 1. */
  sigma: z.number().positive().default(1).meta({ unit: 'weight units' }),
  /** η_σ = η_B, learning rate of the step size and shape, > 0; default 3(3 + ln n) / (5 n √n) (Table 1). */
  covarianceLearningRate: z.number().positive().optional().meta({ unit: 'per generation' }),
  ...nesShape,
});
/** What {@link xnes}.init accepts besides the mean: the input side of {@link xnesConfigSchema}. */
export type XnesConfig = z.input<typeof xnesConfigSchema>;

/** Plain-data state of {@link xnes}: the search distribution N(μ, σ²BBᵀ). */
export interface XnesState extends NesState {
  /** Global step size σ. */
  readonly sigma: number;
  /** Shape matrix B (row-major n×n, det 1) and its inverse. */
  readonly B: Float64Array;
  /** B⁻¹, row-major n×n, kept to map candidates back to standard normal samples. */
  readonly Binv: Float64Array;
  /** η_σ = η_B, learning rate of the step size and shape. */
  readonly etaCov: number;
}

/** exp(S) for symmetric S, through its eigendecomposition. */
function expSymmetric(S: Float64Array, n: number): Float64Array {
  const { values, vectors: V } = symmetricEigen(S, n);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += V[i * n + k] * portableMath.exp(values[k]) * V[j * n + k];
      out[i * n + j] = s;
    }
  }
  return out;
}

function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j] += a[i * n + k] * b[k * n + j];
  return out;
}

const matvec = (a: Float64Array, v: Float64Array, n: number): Float64Array => {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) out[i] += a[i * n + k] * v[k];
  return out;
};

/**
 * xNES (Glasmachers et al. 2010, Algorithm 1): a natural evolution strategy with a full covariance,
 * updated through the matrix exponential. O(n³) per generation: for small n.
 */
export const xnes: DefinedStrategy<XnesConfig, XnesState> = defineStrategy<XnesConfig, z.output<typeof xnesConfigSchema>, XnesState>({
  id: 'xnes',
  name: 'xnes',
  paper: 'Glasmachers, Schaul, Sun, Wierstra & Schmidhuber, Exponential Natural Evolution Strategies, GECCO 2010',
  schema: xnesConfigSchema,
  populationSize: (state) => state.populationSize,
  flopsPerGeneration: fullCovarianceFlops,

  start(mean, c) {
    const n = mean.length;
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    return {
      ...nesStart(mean, c),
      sigma: c.sigma,
      B: eye,
      Binv: Float64Array.from(eye),
      etaCov: c.covarianceLearningRate ?? (3 * (3 + portableMath.log(n))) / (5 * n * Math.sqrt(n)),
    };
  },

  ask(state) {
    const rng = Rng.fromState(state.rng);
    const n = state.mean.length;
    const candidates = Array.from({ length: state.populationSize }, () => {
      const y = matvec(state.B, rng.fillNormal(new Float64Array(n)), n);
      for (let i = 0; i < n; i++) y[i] = state.mean[i] + state.sigma * y[i];
      return y;
    });
    return { state: { ...state, rng: rng.state() }, candidates };
  },

  update(state, candidates, fitness) {
    const n = state.mean.length;
    const order = argsort(fitness);
    const gDelta = new Float64Array(n);
    const gM = new Float64Array(n * n);
    const d = new Float64Array(n);
    for (let r = 0; r < order.length; r++) {
      const u = state.utilities[r];
      const x = candidates[order[r]];
      for (let i = 0; i < n; i++) d[i] = (x[i] - state.mean[i]) / state.sigma;
      const s = matvec(state.Binv, d, n);
      for (let i = 0; i < n; i++) {
        gDelta[i] += u * s[i];
        for (let j = 0; j < n; j++) gM[i * n + j] += u * (s[i] * s[j] - (i === j ? 1 : 0));
      }
    }
    let trace = 0;
    for (let i = 0; i < n; i++) trace += gM[i * n + i];
    const gSigma = trace / n;
    // Algorithm 1, lines 8–10: μ += η_μ σ B G_δ; σ *= exp(η_σ/2 G_σ); B *= exp(η_B/2 G_B).
    const step = matvec(state.B, gDelta, n);
    const mean = new Float64Array(n);
    for (let i = 0; i < n; i++) mean[i] = state.mean[i] + state.etaMu * state.sigma * step[i];
    const sigma = state.sigma * portableMath.exp((state.etaCov / 2) * gSigma);
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] = (state.etaCov / 2) * (gM[i * n + j] - (i === j ? gSigma : 0));
    const B = matmul(state.B, expSymmetric(S, n), n);
    const Binv = matmul(
      expSymmetric(
        S.map((v) => -v),
        n,
      ),
      state.Binv,
      n,
    );
    return { ...state, mean, sigma, B, Binv };
  },

  stop: (state, next) => (next.sigma < state.stopConfig.tolX ? 'tolX' : null),

  mean: (state) => Float64Array.from(state.mean),
});
