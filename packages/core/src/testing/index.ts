export {
  trainerConformanceChecks,
  defaultConformanceTimeoutMs,
  type ConformanceOptions,
  type ConformanceCheck,
  type BudgetKind,
  type CostBudgetKind,
} from './conformance.js';
export { xorTask, hugeTargetTask, sphereTask, nanObjectiveTask } from './reference-tasks.js';
export { RandomSearchTrainer, randomSearchTrainer, RandomSearchConfig } from './random-search.js';
export {
  IgnoresBudgetTrainer,
  NonDeterministicTrainer,
  UnchargedEvaluationsTrainer,
  OverspendingTrainer,
  TrainingScoreTargetTrainer,
} from './broken-trainers.js';
export { gradCheckModel, type ModelGradCheckOptions, type ModelGradCheckReport } from './grad-check-model.js';
export { splitSafetensors, assembleSafetensors, type SafetensorsParts } from './safetensors-bytes.js';
