export { TransferError } from './errors.js';
export { type ParamSelector, selectParams, paramLayers, layerOf, globToRegExp } from './select.js';
export { freeze, unfreeze, freezeAllExcept, frozenValues, countParams } from './freeze.js';
export {
  namedLayers,
  headStart,
  cutIndex,
  truncate,
  splitModel,
  joinModels,
  appendLayers,
  replaceHead,
  type ReplaceHeadOptions,
} from './surgery.js';
export { loadPretrained, pretrainedNames, pretrainedUrl, mnistConvNet, type PretrainedName } from './pretrained.js';
export { extractFeatures, featureTask, type ExtractOptions } from './features.js';
export {
  l2SpPenalty,
  ewcPenalty,
  distillationLoss,
  type NamedArrays,
  type ParamLookup,
  type L2SpOptions,
  type EwcOptions,
  type DistillationOptions,
} from './regularizers.js';
export { estimateFisher, saveNamedArrays, loadNamedArrays, type FisherOptions } from './fisher.js';
export {
  learningRateScales,
  unfrozenLayers,
  unfreezingMask,
  warmupFactor,
  type LayerGroup,
  type DiscriminativeOptions,
} from './schedules.js';
export { FineTuneTrainer, withHead, type FineTuneOptions, type Regularizer } from './fine-tune.js';
export { TransferConfig, FineTuneConfig, RegularizerConfig, type TransferConfigInput } from './config.js';
export { TransferTrainer, defineTransferTrainer, transferTrainer, type TransferContext } from './transfer-trainer.js';
export { score, measureForgetting, forwardTransfer, type ForgettingReport, type ForwardTransferReport } from './metrics.js';
export {
  bottleneckLayer,
  encoderOf,
  stratifiedSample,
  probeEncoder,
  probeL2Candidates,
  fewLabelTask,
  convAutoencoder,
  type ConvAutoencoderOptions,
  type ProbeOptions,
  type EncoderProbe,
  type ProbeLabelSplits,
} from './autoencoder.js';
