import { expectedNormalNorm } from '../util/vector.js';

/** CMA-ES learning rates and recombination weights, with the defaults of Hansen (2016), Table 1, p. 31. */
export type CmaConstants = Readonly<{
  lambda: number;
  mu: number;
  /** λ weights, best first; positive ones sum to 1, negative ones (active CMA) after them. */
  weights: Float64Array;
  mueff: number;
  cc: number;
  cs: number;
  c1: number;
  cmu: number;
  damps: number;
  chiN: number;
}>;

export const defaultPopulationSize = (n: number): number => 4 + Math.floor(3 * Math.log(n));

export function cmaConstants(n: number, lambda: number, mu: number, active: boolean): CmaConstants {
  const raw = new Float64Array(lambda);
  for (let i = 0; i < lambda; i++) raw[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1);
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
