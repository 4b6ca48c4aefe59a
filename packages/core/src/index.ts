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

// initialisers
export { type Initializer, type InitializerName, type Fans, initializers, initializerNames, initializerFor } from './init/initializers.js';

// layers
export type { Layer, LayerSpec, LayerType, BuiltLayer, LayerContext, ParamDecl, BufferDecl } from './layers/layer.js';
export { dense, denseType, type DenseSpec, type DenseOptions } from './layers/dense.js';
export {
  type ActivationName,
  type ActivationSpec,
  activationNames,
  activationFn,
  activation,
  relu,
  tanh,
  sigmoid,
  leakyRelu,
  elu,
  gelu,
  softmax,
} from './layers/activations.js';
export { conv2dLayer, conv2d, conv2dType, type Conv2dSpec, type Conv2dLayerOptions } from './layers/conv2d.js';
export { maxPool2dLayer, avgPool2dLayer, maxPool2d, avgPool2d, poolTypes, type PoolSpec, type PoolOptions } from './layers/pool.js';
export {
  flattenLayer,
  flatten,
  flattenType,
  dropoutLayer,
  dropout,
  dropoutType,
  reshapeTo,
  reshapeType,
  type FlattenSpec,
  type DropoutSpec,
  type ReshapeSpec,
} from './layers/shape-layers.js';
export { upsample2d, upsample2dType, type Upsample2dSpec } from './layers/upsample.js';
export {
  batchNorm,
  batchNormType,
  layerNorm,
  layerNormType,
  embedding,
  embeddingType,
  type BatchNormSpec,
  type LayerNormSpec,
  type EmbeddingSpec,
} from './layers/normalization.js';
export { simpleRnn, lstm, gru, recurrentTypes, type RecurrentSpec, type RecurrentOptions } from './layers/recurrent.js';
export { layerTypes, layerFromSpec } from './layers/registry.js';

// models
export type { ModelKind, ModelKinds, BuildOptions } from './model/kinds.js';
export { LayeredModel, type CallLayer, type NamedLayer } from './model/layered-model.js';
export { sequential, sequentialKind, type SequentialSpec, type SequentialOptions } from './model/sequential.js';
export { buildModel, modelKinds, modelKindFor } from './model/build.js';
export { mlp, type MlpOptions } from './model/mlp.js';
export { defineModel, type ModelDefinition, type DefinedModelKind, type Children } from './model/define-model.js';

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

// model files
export { saveModel, loadModel, saveModelFile, loadModelFile, type LoadModelOptions } from './io/model-file.js';
export {
  readSafetensors,
  writeSafetensors,
  type SafetensorsEntry,
  type SafetensorsContents,
  type ReadSafetensorsOptions,
} from './io/safetensors.js';
export { gradCheckModel, type ModelGradCheckOptions, type ModelGradCheckReport } from './testing/grad-check-model.js';
export { VectorModel, vectorKind } from './model/vector-model.js';

// registries
export {
  createRegistry,
  createTrainer,
  createTask,
  defineTrainer,
  defineTask,
  type Registry,
  type RegistryEntry,
  type TrainerDefinition,
  type TaskDefinition,
} from './registry/registry.js';

// config parsing: the one parser of every trainer, strategy, task and the arena
export { parseConfig, parseExactly, configError, type ParseConfigOptions, type ProblemErrorClass } from './config/parse-config.js';
export {
  deprecatedKeys,
  renameDeprecatedKeys,
  warnDeprecatedKey,
  keyAliasesOf,
  type KeyAliases,
  type DeprecatedKeyUse,
  type RenamedConfig,
} from './config/deprecated-keys.js';
export { configProblems, formatPath, describeValue, type ConfigProblem, type ProblemOptions } from './config/problems.js';
export { unknownChoice, didYouMean, closeMatches } from './config/suggest.js';
export { mlpFields, mlpConfigSchema, hiddenActivationNames, type HiddenActivationName, type MlpDefaults } from './config/mlp-config.js';
export {
  searchDimensionSchema,
  searchSpaceSchema,
  type SearchDimension,
  type SearchSpace,
  type SearchSpaceInput,
  type SearchRangeInput,
  type SearchChoiceInput,
  type SearchPoint,
  parseSearchSpace,
  sampleSearchSpace,
  applySearchPoint,
  checkSearchSpace,
} from './tuning/search-space.js';
export { type RecommendedModel, type ModelKeys, modelKeysOf, withRecommendedModel } from './config/recommended-model.js';
export { mlpFootprint, checkMlpFits, mlpMemoryLimitBytes, type MlpFootprint, type MlpFootprintInput } from './config/model-footprint.js';

// the shared training loop
export { runTrainingLoop, type TrainingLoop, type StepContext, type StepOutcome, type StepEnd, type LoopStop } from './training/loop.js';
export { type CapKey, type Remaining, capKeys, remainingOf } from './training/remaining.js';
export { heldOutMetrics, heldOutEpisodes, judgedValue, meetsTarget } from './training/judge.js';
export { encodeState, decodeState, snapshotModel, restoreModel, type ModelSnapshot } from './training/state-codec.js';
export { transferWeights, type TransferReport } from './model/transfer-weights.js';

// executors: where jobs run (worker threads: @evoprop/core/executor-node)
export type { Executor, Job, JobContext, JobHandler, HandlerFactory, AttemptRunner } from './executor/job.js';
export { JobError, type JobErrorKind } from './executor/job-error.js';
export { createExecutor, type ExecutorOptions } from './executor/create-executor.js';
export { inlineExecutor } from './executor/inline.js';
