export { TransferError } from './errors.js';
export { type ParamSelector, selectParams, paramLayers, layerOf, globToRegExp } from './select.js';
export { freeze, unfreeze, freezeAllExcept, frozenValues, countParams } from './freeze.js';
export { namedLayers, headStart, truncate, splitModel, joinModels, appendLayers, replaceHead, type ReplaceHeadOptions } from './surgery.js';
export { loadPretrained, pretrainedNames, pretrainedUrl, mnistConvNet, type PretrainedName } from './pretrained.js';
