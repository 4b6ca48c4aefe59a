export { RlError } from './errors.js';

// probability distributions over actions
export type { ActionDistribution } from './distributions/distribution.js';
export { categorical } from './distributions/categorical.js';
export { diagonalGaussian } from './distributions/diagonal-gaussian.js';
