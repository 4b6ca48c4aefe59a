import type { Rng, Shape, Tensor } from '@evoprop/tensor';
import type { Fans, Initializer, InitializerName } from '../init/initializers.js';
import type { Mode } from '../model/model.js';

/** A JSON description of one layer: `{ type: 'dense', units: 16, ... }`. */
export type LayerSpec = Readonly<{ type: string; name?: string | undefined }> & Readonly<Record<string, unknown>>;

/** A parameter a layer needs: its local name ('weight'), shape and how to initialise it. */
export type ParamDecl = Readonly<{
  name: string;
  shape: Shape;
  init: InitializerName | Initializer;
  /** Fans for variance-scaling initialisers; default fanIn = shape[0], fanOut = shape[last]. */
  fans?: Fans;
}>;

/** Non-trainable state that a layer updates itself (batch-norm running statistics). */
export type BufferDecl = Readonly<{ name: string; shape: Shape; fill: number }>;

/** What a layer sees during one forward pass. */
export type LayerContext = Readonly<{
  mode: Mode;
  /** The layer's parameter by local name (a view into the model's flat vector). */
  param(name: string): Tensor;
  /** The layer's buffer by local name; writing into `.data` updates the model's state. */
  buffer(name: string): Tensor;
  /** Randomness for train-mode layers such as dropout (see `ForwardOptions.rng`). */
  rng(): Rng;
}>;

/** A layer bound to an input shape. */
export type BuiltLayer = Readonly<{
  /** Per-sample output shape (without the batch dimension). */
  outputShape: Shape;
  params: readonly ParamDecl[];
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
  readonly spec: S;
  build(inputShape: Shape): BuiltLayer;
}

/** How to rebuild a layer from its JSON spec (validating it). */
export type LayerType = Readonly<{ type: string; fromSpec(spec: unknown): Layer }>;
