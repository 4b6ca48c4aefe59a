import type { Rng, Shape, Tensor } from '@evoprop/tensor';
import type { Fans, Initializer, InitializerName } from '../init/initializers.js';
import type { Mode } from '../model/model.js';

/** A JSON description of one layer: `{ type: 'dense', units: 16, ... }`. */
export type LayerSpec = Readonly<{
  /** Which layer type builds it (`'dense'`, `'conv2d'`, or a custom type passed to `buildModel`). */
  type: string;
  /** Layer name, unique in a model; parameters are called `<name>.<param>`. */
  name?: string | undefined;
}> &
  Readonly<Record<string, unknown>>;

/** A parameter a layer needs: its local name ('weight'), shape and how to initialise it. */
export type ParamDecl = Readonly<{
  /** Local name inside the layer, e.g. `'weight'`; the model prefixes the layer name. */
  name: string;
  /** The parameter's shape. */
  shape: Shape;
  /** A built-in initializer by name, or a function that fills the values. */
  init: InitializerName | Initializer;
  /** Fans for variance-scaling initialisers; default fanIn = shape[0], fanOut = shape[last]. */
  fans?: Fans;
}>;

/** Non-trainable state that a layer updates itself (batch-norm running statistics). */
export type BufferDecl = Readonly<{
  /** Local name inside the layer, e.g. `'runningMean'`. */
  name: string;
  /** The buffer's shape. */
  shape: Shape;
  /** The value every entry starts at. */
  fill: number;
}>;

/** What a layer sees during one forward pass. */
export type LayerContext = Readonly<{
  /** `'train'` or `'eval'` (dropout and batch norm behave differently). */
  mode: Mode;
  /** The layer's parameter by local name (a view into the model's flat vector). */
  param(name: string): Tensor;
  /** The layer's buffer by local name; writing into its storage (e.g. with `movingAverage`) updates the model's state. */
  buffer(name: string): Tensor;
  /** Randomness for train-mode layers such as dropout (see `ForwardOptions.rng`). */
  rng(): Rng;
}>;

/** A layer bound to an input shape. */
export type BuiltLayer = Readonly<{
  /** Per-sample output shape (without the batch dimension). */
  outputShape: Shape;
  /** The parameters the layer needs; the model allocates them in its flat vector. */
  params: readonly ParamDecl[];
  /** Non-trainable state the layer keeps (none when absent). */
  buffers?: readonly BufferDecl[];
  /** x has shape [batch, ...inputShape]; returns [batch, ...outputShape]. */
  forward(x: Tensor, ctx: LayerContext): Tensor;
}>;

/**
 * A layer: a JSON spec plus `build(inputShape)`, which checks the per-sample input
 * shape and declares the parameters. Layers hold no weights themselves; the model
 * that builds them owns one flat parameter vector.
 */
export interface Layer<S extends LayerSpec = LayerSpec> {
  /** The layer's JSON spec; `buildModel` rebuilds the layer from it. */
  readonly spec: S;
  /** Check the per-sample input shape and declare the output shape, parameters and forward pass. */
  build(inputShape: Shape): BuiltLayer;
}

/** How to rebuild a layer from its JSON spec (validating it). */
export type LayerType = Readonly<{
  /** The `type` tag of the specs it builds. */
  type: string;
  /** Validate a JSON spec and build the layer; fails with a `SpecError` naming the bad field. */
  fromSpec(spec: unknown): Layer;
}>;
