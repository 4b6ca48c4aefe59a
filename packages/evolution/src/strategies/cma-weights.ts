import { portableMath } from '@evoprop/tensor';

import { expectedNormalNorm } from '../util/vector.js';

/** CMA-ES learning rates and recombination weights, with the defaults of Hansen (2016), Table 1, p. 31. */
export type CmaConstants = Readonly<{
  /** λ, the population size. */
  lambda: number;
  /** μ, the number of positively weighted (selected) candidates. */
  mu: number;
  /** λ weights, best first; positive ones sum to 1, negative ones (active CMA) after them. */
  weights: Float64Array;
  /** μ_eff = (Σ w⁺)² / Σ (w⁺)², the variance-effective selection mass. */
  mueff: number;
  /** c_c, learning rate of the evolution path p_c. */
  cc: number;
  /** c_σ, learning rate of the conjugate evolution path p_σ. */
  cs: number;
  /** c_1, learning rate of the rank-one update. */
  c1: number;
  /** c_μ, learning rate of the rank-μ update. */
  cmu: number;
  /** d_σ, damping of the step-size update. */
  damps: number;
  /** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)), the expected length of a standard normal vector. */
  chiN: number;
}>;

/** CMA-ES's default population size for dimension n: λ = 4 + ⌊3 ln n⌋ (Hansen 2016, Table 1). */
export const defaultPopulationSize = (n: number): number => 4 + Math.floor(3 * portableMath.log(n));

/**
 * The learning rates and recombination weights of Hansen (2016), Table 1 (p. 31), for dimension
 * `n`, population `lambda` and `mu` parents; with `active`, the worst λ−μ get negative weights.
 */
export function cmaConstants(n: number, lambda: number, mu: number, active: boolean): CmaConstants {
  const raw = new Float64Array(lambda);
  for (let i = 0; i < lambda; i++) raw[i] = portableMath.log((lambda + 1) / 2) - portableMath.log(i + 1);
  let sumPos = 0;
  let sumPos2 = 0;
  let sumNeg = 0;
  let sumNeg2 = 0;
  for (let i = 0; i < lambda; i++) {
    if (i < mu) {
      sumPos += raw[i];
      sumPos2 += raw[i] * raw[i];
    } else {
      sumNeg += Math.abs(raw[i]);
      sumNeg2 += raw[i] * raw[i];
    }
  }
  const mueff = (sumPos * sumPos) / sumPos2;
  const mueffNeg = sumNeg2 > 0 ? (sumNeg * sumNeg) / sumNeg2 : 0;
  const alphaCov = 2;
  const c1 = alphaCov / ((n + 1.3) ** 2 + mueff);
  const cmu = Math.min(1 - c1, (alphaCov * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + (alphaCov * mueff) / 2));
  const cs = (mueff + 2) / (n + mueff + 5);
  const damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
  const cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
  // Hansen 2016 p. 31: negative weights scaled so that C stays positive definite.
  const alphaMuNeg = 1 + c1 / cmu;
  const alphaMueffNeg = 1 + (2 * mueffNeg) / (mueff + 2);
  const alphaPosdefNeg = (1 - c1 - cmu) / (n * cmu);
  const negScale = Math.min(alphaMuNeg, alphaMueffNeg, alphaPosdefNeg);
  const weights = new Float64Array(lambda);
  for (let i = 0; i < lambda; i++) {
    if (i < mu) weights[i] = raw[i] / sumPos;
    else weights[i] = active && sumNeg > 0 ? (negScale * raw[i]) / sumNeg : 0;
  }
  return { lambda, mu, weights, mueff, cc, cs, c1, cmu, damps, chiN: expectedNormalNorm(n) };
}
