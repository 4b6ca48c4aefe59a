// @evoprop/core/layers: the layers a model is built from, their initialisers and the layer registry.
export type { Layer, LayerSpec, LayerType, BuiltLayer, LayerContext, ParamDecl, BufferDecl } from './layer.js';
export { type Initializer, type InitializerName, type Fans, initializers, initializerNames, initializerFor } from '../init/initializers.js';
export { dense, denseType, type DenseSpec, type DenseOptions } from './dense.js';
export { type ActivationName, type ActivationSpec, activationNames, activationFn, activation } from './activations.js';
export { conv2dLayer, conv2dType, type Conv2dSpec, type Conv2dLayerOptions } from './conv2d.js';
export { maxPool2dLayer, avgPool2dLayer, poolTypes, type PoolSpec, type PoolOptions } from './pool.js';
export {
  flattenLayer,
  flattenType,
  dropoutLayer,
  dropoutType,
  reshapeTo,
  reshapeType,
  type FlattenSpec,
  type DropoutSpec,
  type ReshapeSpec,
} from './shape-layers.js';
export { upsample2d, upsample2dType, type Upsample2dSpec } from './upsample.js';
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
} from './normalization.js';
export { simpleRnn, lstm, gru, recurrentTypes, type RecurrentSpec, type RecurrentOptions } from './recurrent.js';
export { layerTypes, layerFromSpec } from './registry.js';
export { layerNames } from '../model/sequential.js';
