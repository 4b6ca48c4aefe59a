export { RlError } from './errors.js';

// probability distributions over actions
export type { ActionDistribution } from './distributions/distribution.js';
export { categorical } from './distributions/categorical.js';
export { diagonalGaussian } from './distributions/diagonal-gaussian.js';
export {
  type StateDependentDistribution,
  sampleExplorationMatrices,
  stateDependentGaussian,
} from './distributions/state-dependent-gaussian.js';

// policy-gradient trainers
export { PpoTrainer } from './ppo/ppo-trainer.js';
export { PpoConfig, type PpoConfigInput, type PpoSettings, parsePpoConfig } from './ppo/config.js';
export { ReinforceTrainer } from './reinforce/reinforce-trainer.js';
export { ReinforceConfig, type ReinforceConfigInput, type ReinforceSettings, parseReinforceConfig } from './reinforce/config.js';
export { ppoTrainer, reinforceTrainer, rlTrainers } from './definitions.js';
