export { HybridError } from './errors.js';
export { refine, type RefineOptions, type RefineResult } from './shared/refine.js';
export { refinementSchema, refinementOptimizer, type RefinementConfig } from './shared/optimizer.js';
export { miniBatch, gatherRows, defaultModel, type DefaultModelOptions } from './shared/supervised.js';
export { MemeticTrainer } from './memetic/memetic-trainer.js';
export { memeticConfigSchema, type MemeticConfig, type ParsedMemeticConfig } from './memetic/config.js';
