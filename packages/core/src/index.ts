// @evoprop/core: the contract (Model, Trainer, Task, budgets and costs), models, losses, metrics, the rollout and executors.
// The rest is grouped in subpaths: @evoprop/core/layers, /io, /config, /registry, /training (and /testing, /executor-node,
// /executor-web). The names that moved stay importable from here, deprecated, until the next minor version.
export { type Cost, CostMeter, zeroCost } from './contract/cost.js';
export { type Budget, type TargetMetric, exhaustedBy, reachedTarget, isBounded, validateBudget } from './contract/budget.js';
export { validateTask, validateModelForTask, metricDirection } from './contract/task.js';
export { validateFitRequest } from './contract/validate-request.js';
export type {
  Task,
  SupervisedTask,
  ControlTask,
  ObjectiveTask,
  Environment,
  StepResult,
  VectorEnvironment,
  VectorStepResult,
  Split,
  LossId,
  MetricId,
} from './contract/task.js';
export type {
  Trainer,
  FitRequest,
  FitResult,
  FitStatus,
  Checkpoint,
  BudgetReport,
  Metrics,
  TrainerEvent,
  ProgressEvent,
  DiagnosticEvent,
  WarningEvent,
} from './contract/trainer.js';
export type { Model, ModelSpec, Mode, ForwardOptions } from './model/model.js';
export { Params, ParamsError, type ParamEntry } from './params/params.js';
export { EvopropError } from '@evoprop/tensor';
export { CoreError, SpecError, ConfigError, type ConfigIssue, RegistryError, ModelFileError } from './errors.js';
// control: one rollout for every trainer and the arena
export { rollout, modelPolicy, type Policy, type Episode, type RolloutOptions } from './control/rollout.js';
export { vectorEnvironment, actionWidth } from './control/vector-environment.js';
export { writeAction } from './control/actions.js';
// models
export type { ModelKind, ModelKinds, BuildOptions } from './model/kinds.js';
export { LayeredModel, type CallLayer, type NamedLayer } from './model/layered-model.js';
export { sequential, sequentialKind, type SequentialSpec, type SequentialOptions } from './model/sequential.js';
export { buildModel, modelKinds, modelKindFor } from './model/build.js';
export { mlp, type MlpOptions } from './model/mlp.js';
export { defineModel, type ModelDefinition, type DefinedModelKind, type Children } from './model/define-model.js';
export { VectorModel, vectorKind } from './model/vector-model.js';
export { transferWeights, type TransferReport } from './model/transfer-weights.js';
// losses and metrics
export { mse, mae, huber } from './losses/regression.js';
export {
  softmaxCrossEntropyFromLogits,
  maskedSoftmaxCrossEntropyFromLogits,
  binaryCrossEntropyFromLogits,
  type CrossEntropyOptions,
} from './losses/cross-entropy.js';
export { lossFor, losses, type LossFn } from './losses/loss-for.js';
export { accuracy, type AccuracyOptions, topK, meanSquaredError, r2 } from './metrics/metrics.js';
export { evaluateModel, sliceRows, type EvaluateOptions } from './metrics/evaluate.js';
export { linearProbe, type LinearProbeOptions, type LinearProbeResult, type ProbeSplit } from './metrics/linear-probe.js';
// executors: where jobs run (worker threads: @evoprop/core/executor-node)
export type { Executor, Job, JobContext, JobHandler, HandlerFactory, AttemptRunner } from './executor/job.js';
export { JobError, type JobErrorKind } from './executor/job-error.js';
export { createExecutor, type ExecutorOptions } from './executor/create-executor.js';
export { inlineExecutor } from './executor/inline.js';

// deprecated root names of the subpaths above
export * from './deprecated-root.js';
