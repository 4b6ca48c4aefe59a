export { HybridError } from './errors.js';
export { refine, type RefineOptions, type RefineResult } from './shared/refine.js';
export { refinementSchema, refinementOptimizer, type RefinementConfig } from './shared/optimizer.js';
export { miniBatch, gatherRows, defaultModel, type DefaultModelOptions, type Batch } from './shared/supervised.js';
export { MemeticTrainer } from './memetic/memetic-trainer.js';
export { memeticConfigSchema, memeticGaDefaults, type MemeticConfig, type ParsedMemeticConfig } from './memetic/config.js';
export { PbtTrainer, type PbtScheduleEntry } from './pbt/pbt-trainer.js';
export { pbtConfigSchema, type PbtConfig, type ParsedPbtConfig } from './pbt/config.js';
export {
  pbtSearchSpaceSchema,
  searchSpaceSchema,
  sampleHyperparameters,
  exploreHyperparameters,
  memberOptimizer,
  hyperparameterNames,
  type PbtSearchSpace,
  type SearchSpace,
  type Hyperparameters,
  type HyperparameterName,
  type PbtOptimizerName,
} from './pbt/hyperparameters.js';
export { truncationSelection, type Replacement } from './pbt/exploit.js';
export { NeatBackpropTrainer } from './neat-backprop/neat-backprop-trainer.js';
export { activeHiddenCount, pruneGenome } from './neat-backprop/prune.js';
export { neatBackpropConfigSchema, type NeatBackpropConfig, type ParsedNeatBackpropConfig } from './neat-backprop/config.js';
export { memeticTrainer, pbtTrainer, neatBackpropTrainer, hybridTrainers } from './definitions.js';
