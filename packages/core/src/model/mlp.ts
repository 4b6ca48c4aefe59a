import type { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { type ActivationName, ActivationNameSchema } from '../layers/activations.js';
import { dense } from '../layers/dense.js';
import { parseWith } from '../validate.js';
import type { LayeredModel } from './layered-model.js';
import { sequential } from './sequential.js';

const MlpOptions = z.strictObject({
  inputSize: z.number().int().positive(),
  hidden: z.array(z.number().int().positive().meta({ unit: 'neurons' })).default([16, 16]),
  outputSize: z.number().int().positive(),
  activation: ActivationNameSchema.default('tanh'),
  /** Activation of the output layer; 'linear' (logits) by default. */
  outputActivation: ActivationNameSchema.default('linear'),
});
/** Options of {@link mlp}. */
export type MlpOptions = Readonly<{
  /** Features per input sample. */
  inputSize: number;
  /** Widths of the hidden layers, input side first. Default `[16, 16]`. */
  hidden?: readonly number[];
  /** Width of the output layer (classes, or regression targets). */
  outputSize: number;
  /** Activation of the hidden layers. Default `'tanh'`. */
  activation?: ActivationName;
  /** Activation of the output layer. Default `'linear'` (logits). */
  outputActivation?: ActivationName;
}>;

const reluFamily = new Set<ActivationName>(['relu', 'leakyRelu', 'elu', 'gelu']);

/**
 * A multilayer perceptron, the default model a trainer builds for a task:
 * dense layers of `hidden` sizes with `activation`, then a linear output layer.
 * ReLU-family layers get He initialisation, the rest Glorot.
 *
 * @example
 * const model = mlp({ inputSize: 2, hidden: [8], outputSize: 2, activation: 'relu' }, Rng.fromSeed(0));
 */
export function mlp(options: MlpOptions, rng: Rng): LayeredModel {
  const o = parseWith(MlpOptions, options, 'mlp');
  const init = (a: ActivationName) => (reluFamily.has(a) ? 'heUniform' : 'glorotUniform');
  const layers = [
    ...o.hidden.map((units) => dense(units, { activation: o.activation, kernelInitializer: init(o.activation) })),
    dense(o.outputSize, { activation: o.outputActivation }),
  ];
  return sequential(layers, { inputShape: [o.inputSize], rng });
}
