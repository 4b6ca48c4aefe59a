import type { Rng } from '@evoprop/tensor';
import type { LayerType } from '../layers/layer.js';
import type { Model, ModelSpec } from './model.js';

/** Options of {@link buildModel}. */
export type BuildOptions = Readonly<{
  /** Initialisation randomness; default `Rng.fromSeed(0)`. */
  rng?: Rng;
  /** Extra model kinds (yours, NEAT's) on top of the built-in ones. */
  kinds?: ModelKinds;
  /** Extra layer types for specs that use custom layers. */
  layers?: Readonly<Record<string, LayerType>>;
  /** Skip initialisation (the weights are about to be overwritten, e.g. by `loadModel`). */
  initialize?: boolean;
}>;

/** How to rebuild a model of one `spec.kind` from JSON. */
export type ModelKind = Readonly<{
  /** The `spec.kind` it builds. */
  kind: string;
  /** Validate `spec` and build the model (initialised from `options.rng` unless `options.initialize` is false). */
  build(spec: ModelSpec, options: BuildOptions): Model;
}>;

/** Model kinds by `spec.kind`, as `buildModel` and `loadModel` take them. */
export type ModelKinds = Readonly<Record<string, ModelKind>>;
