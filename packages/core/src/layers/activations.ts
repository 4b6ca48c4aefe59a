import {
  type Tensor,
  elu as eluOp,
  gelu as geluOp,
  leakyRelu as leakyReluOp,
  relu as reluOp,
  sigmoid as sigmoidOp,
  softmax as softmaxOp,
  tanh as tanhOp,
} from '@evoprop/tensor';
import { z } from 'zod';
import { parseSpec } from '../validate.js';
import type { Layer, LayerType } from './layer.js';

/** Every activation a layer spec or model config can name. */
export const activationNames = ['linear', 'relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu', 'softmax'] as const;
/** One of {@link activationNames}. */
export type ActivationName = (typeof activationNames)[number];
/** zod schema of an {@link ActivationName}, for config schemas that take one. */
export const ActivationNameSchema = z.enum(activationNames);

/** The activation function of a name, with its default constant (leakyRelu α = 0.01, elu α = 1). */
export function activationFn(name: ActivationName, alpha?: number): (x: Tensor) => Tensor {
  switch (name) {
    case 'linear':
      return (x) => x;
    case 'relu':
      return reluOp;
    case 'tanh':
      return tanhOp;
    case 'sigmoid':
      return sigmoidOp;
    case 'leakyRelu':
      return (x) => leakyReluOp(x, alpha ?? 0.01);
    case 'elu':
      return (x) => eluOp(x, alpha ?? 1);
    case 'gelu':
      // exact (erf) form, PyTorch's default
      return (x) => geluOp(x);
    case 'softmax':
      return (x) => softmaxOp(x);
  }
}

const ActivationSpec = z.strictObject({
  /** Layer type tag: the activation's name. */
  type: ActivationNameSchema,
  /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
  name: z.string().optional(),
  /** Slope for negative inputs (`leakyRelu`, default 0.01) or saturation value (`elu`, default 1); ignored by the others. */
  alpha: z.number().optional(),
});
/** An activation layer's JSON spec. */
export type ActivationSpec = z.infer<typeof ActivationSpec>;

function activationLayer(spec: ActivationSpec): Layer<ActivationSpec> {
  const f = activationFn(spec.type, spec.alpha);
  return { spec, build: (inputShape) => ({ outputShape: inputShape, params: [], forward: (x) => f(x) }) };
}

/** Options of every activation layer. */
type NameOption = Readonly<{
  /** Layer name, unique in a model. Default: the type and a counter (`relu1`). */
  name?: string;
}>;
/** Options of the activation layers with a constant. */
type AlphaOptions = NameOption &
  Readonly<{
    /** Negative-side slope (leakyRelu, default 0.01) or saturation value (elu, default 1). */
    alpha?: number;
  }>;

const make =
  (type: ActivationName) =>
  (options: NameOption = {}): Layer<ActivationSpec> =>
    activationLayer(parseSpec(ActivationSpec, { type, ...options }, type));

/**
 * ReLU activation layer, under a name that is also @evoprop/tensor's `relu` op.
 * @deprecated Use `activation('relu')` (one name per idea: the op is `relu`, the layer `activation`).
 */
export const relu = make('relu');
/**
 * Hyperbolic-tangent activation layer, under a name that is also @evoprop/tensor's `tanh` op.
 * @deprecated Use `activation('tanh')` (one name per idea: the op is `tanh`, the layer `activation`).
 */
export const tanh = make('tanh');
/**
 * Logistic-sigmoid activation layer, under a name that is also @evoprop/tensor's `sigmoid` op.
 * @deprecated Use `activation('sigmoid')` (one name per idea: the op is `sigmoid`, the layer `activation`).
 */
export const sigmoid = make('sigmoid');
/**
 * GELU activation layer, exact erf form (PyTorch's default), under a name that is also @evoprop/tensor's `gelu` op.
 * @deprecated Use `activation('gelu')` (one name per idea: the op is `gelu`, the layer `activation`).
 */
export const gelu = make('gelu');
/**
 * Softmax activation layer over the last axis, under a name that is also @evoprop/tensor's `softmax` op.
 * @deprecated Use `activation('softmax')` (one name per idea: the op is `softmax`, the layer `activation`).
 */
export const softmax = make('softmax');
/**
 * Leaky ReLU activation layer: x for x > 0, else α·x (`alpha`, default 0.01), under a name that is also @evoprop/tensor's `leakyRelu` op.
 * @deprecated Use `activation('leakyRelu')` (one name per idea: the op is `leakyRelu`, the layer `activation`).
 */
export const leakyRelu = (options: AlphaOptions = {}): Layer<ActivationSpec> =>
  activationLayer(parseSpec(ActivationSpec, { type: 'leakyRelu', alpha: 0.01, ...options }, 'leakyRelu'));
/**
 * ELU activation layer: x for x > 0, else α·(eˣ − 1) (`alpha`, default 1), under a name that is also @evoprop/tensor's `elu` op.
 * @deprecated Use `activation('elu')` (one name per idea: the op is `elu`, the layer `activation`).
 */
export const elu = (options: AlphaOptions = {}): Layer<ActivationSpec> =>
  activationLayer(parseSpec(ActivationSpec, { type: 'elu', alpha: 1, ...options }, 'elu'));
/**
 * An activation layer by name (no parameters, any input shape; softmax acts on the last axis).
 * @example activation('relu'); activation('leakyRelu', { alpha: 0.1 })
 */
export const activation = (name: ActivationName, options: AlphaOptions = {}): Layer<ActivationSpec> =>
  activationLayer(parseSpec(ActivationSpec, { type: name, ...options }, 'activation'));

/** Build every activation layer from its JSON spec (`{ type: 'relu' }`, ...). */
export const activationTypes: readonly LayerType[] = activationNames.map((type) => ({
  type,
  fromSpec: (spec: unknown) => activationLayer(parseSpec(ActivationSpec, spec, `layer '${type}'`)),
}));
