export { type Cost, CostMeter, zeroCost } from './contract/cost.js';
export { type Budget, type TargetMetric, exhaustedBy, reachedTarget, isBounded } from './contract/budget.js';
export type { Task, SupervisedTask, ControlTask, ObjectiveTask, Environment, StepResult, Split, LossId, MetricId } from './contract/task.js';
export type {
  Trainer,
  FitRequest,
  FitResult,
  FitStatus,
  Checkpoint,
  Metrics,
  TrainerEvent,
  ProgressEvent,
  DiagnosticEvent,
  WarningEvent,
} from './contract/trainer.js';
export type { Model, ModelSpec, Mode } from './model/model.js';
export { Params, ParamsError, type ParamEntry } from './params/params.js';
