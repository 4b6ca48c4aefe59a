import type { StrategyName } from '../registry.js';

const fullCovariance: ReadonlySet<StrategyName> = new Set(['cmaEs', 'ipopCmaEs', 'bipopCmaEs', 'xnes'] as StrategyName[]);

/**
 * FLOPs a strategy spends per generation on its own search (sampling, ranking, the
 * distribution update), which runs outside the tensor kernels and would otherwise be
 * free. Full-covariance strategies pay for the n×n transform of every sample
 * (2n² each), the rank-μ update (2n² per candidate) and an eigendecomposition (charged
 * as n³ every generation — an upper bound, since CMA-ES decomposes lazily); diagonal
 * strategies and the GA pay a few vector operations per candidate.
 */
export function strategyFlopsPerGeneration(strategy: StrategyName, dimension: number, populationSize: number): number {
  const n = dimension;
  if (fullCovariance.has(strategy)) return 4 * populationSize * n * n + n * n * n;
  return 10 * populationSize * n;
}
