export {
  type GradientTransformation,
  type UpdateExtras,
  OptimizerError,
  chain,
  identity,
  elementwise,
  applyUpdates,
  applyUpdatesInPlace,
} from './optim/transform.js';
export { scaleByAdam, scaleByBelief, type AdamOptions, type MomentsState } from './optim/adam.js';
export { scaleByRms, scaleByRss, type RmsState, type RssState } from './optim/rms.js';
export { trace, scaleByMomentum, scaleByLion, type TraceState, type LionState } from './optim/momentum.js';
export { scale, scaleBySchedule, scaleByLearningRate, type ScheduleState } from './optim/scale.js';
export { addDecayedWeights, l1Penalty, l2Penalty } from './optim/regularize.js';
export { clipByGlobalNorm, clipByValue, globalNorm } from './optim/clip.js';
export { masked, type MaskedState } from './optim/masked.js';
export { multiTransform, type MultiTransformState } from './optim/multi-transform.js';
export { unfreezing, type UnfreezingOptions, type UnfreezingState } from './optim/unfreezing.js';
export {
  sgd,
  momentum,
  nesterov,
  adagrad,
  rmsprop,
  adam,
  adamw,
  lion,
  adabelief,
  optimizers,
  type OptimizerName,
  type LearningRate,
  type AdamFamilyOptions,
  type L2Option,
} from './optim/aliases.js';
export { type Schedule, constant, stepDecay, exponentialDecay, cosineWithWarmup, oneCycle, linearWarmup } from './schedules/schedule.js';
export {
  reduceOnPlateau,
  type ReduceOnPlateau,
  type ReduceOnPlateauOptions,
  type ReduceOnPlateauState,
} from './schedules/reduce-on-plateau.js';

// one gradient step, shared by every gradient trainer
export {
  gradientStep,
  type GradientStep,
  type GradientStepOptions,
  type GradientStepResult,
  type LossOutput,
  type StepDivergence,
  type StepParams,
} from './step/gradient-step.js';

// the trainer
export { BackpropTrainer } from './trainer/backprop-trainer.js';
export {
  BackpropConfig,
  OptimizerConfig,
  type ScheduleConfig,
  type BackpropConfigInput,
  parseBackpropConfig,
  optimizerFor,
  scheduleFor,
} from './trainer/config.js';
export { BackpropError } from './trainer/errors.js';
export { GradientHealth, type HealthState } from './trainer/gradient-health.js';
export { backpropTrainer, adamTrainer, sgdTrainer, backpropTrainers } from './trainer/definition.js';
