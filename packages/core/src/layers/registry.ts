import { RegistryError } from '../errors.js';
import { activationTypes } from './activations.js';
import { conv2dType } from './conv2d.js';
import { denseType } from './dense.js';
import type { Layer, LayerType } from './layer.js';
import { batchNormType, embeddingType, layerNormType } from './normalization.js';
import { poolTypes } from './pool.js';
import { recurrentTypes } from './recurrent.js';
import { dropoutType, flattenType, reshapeType } from './shape-layers.js';
import { upsample2dType } from './upsample.js';

/** The built-in layer types by `spec.type`. Pass your own through `BuildOptions.layers`. */
export const layerTypes: Readonly<Record<string, LayerType>> = Object.fromEntries(
  [
    denseType,
    ...activationTypes,
    conv2dType,
    ...poolTypes,
    flattenType,
    reshapeType,
    upsample2dType,
    dropoutType,
    batchNormType,
    layerNormType,
    embeddingType,
    ...recurrentTypes,
  ].map((t) => [t.type, t]),
);

/** Rebuild a layer from its JSON spec. */
export function layerFromSpec(spec: unknown, extra: Readonly<Record<string, LayerType>> = {}): Layer {
  const type = (spec as { type?: unknown } | null)?.type;
  const types = { ...layerTypes, ...extra };
  const t = typeof type === 'string' ? types[type] : undefined;
  if (t === undefined) throw new RegistryError('layer type', `one of ${Object.keys(types).join(', ')}`, JSON.stringify(type));
  return t.fromSpec(spec);
}
