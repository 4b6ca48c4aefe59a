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

export const activationNames = ['linear', 'relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu', 'softmax'] as const;
export type ActivationName = (typeof activationNames)[number];
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
  type: ActivationNameSchema,
  name: z.string().optional(),
  alpha: z.number().optional(),
});
export type ActivationSpec = z.infer<typeof ActivationSpec>;

function activationLayer(spec: ActivationSpec): Layer<ActivationSpec> {
  const f = activationFn(spec.type, spec.alpha);
  return { spec, build: (inputShape) => ({ outputShape: inputShape, params: [], forward: (x) => f(x) }) };
}

const make =
  (type: ActivationName) =>
  (options: { name?: string } = {}): Layer<ActivationSpec> =>
    activationLayer(parseSpec(ActivationSpec, { type, ...options }, type));

/** Activation layers (no parameters, any input shape; softmax acts on the last axis). */
export const relu = make('relu');
export const tanh = make('tanh');
export const sigmoid = make('sigmoid');
export const gelu = make('gelu');
export const softmax = make('softmax');
export const leakyRelu = (options: { alpha?: number; name?: string } = {}): Layer<ActivationSpec> =>
  activationLayer(parseSpec(ActivationSpec, { type: 'leakyRelu', alpha: 0.01, ...options }, 'leakyRelu'));
export const elu = (options: { alpha?: number; name?: string } = {}): Layer<ActivationSpec> =>
  activationLayer(parseSpec(ActivationSpec, { type: 'elu', alpha: 1, ...options }, 'elu'));
/** Any activation by name. */
export const activation = (name: ActivationName, options: { alpha?: number; name?: string } = {}): Layer<ActivationSpec> =>
  activationLayer(parseSpec(ActivationSpec, { type: name, ...options }, 'activation'));

export const activationTypes: readonly LayerType[] = activationNames.map((type) => ({
  type,
  fromSpec: (spec: unknown) => activationLayer(parseSpec(ActivationSpec, spec, `layer '${type}'`)),
}));
