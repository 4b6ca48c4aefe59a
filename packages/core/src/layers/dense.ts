import { ShapeError, add, matmul, reshape } from '@evoprop/tensor';
import { z } from 'zod';
import { fmtShape } from '../format.js';
import { parseSpec } from '../validate.js';
import { ActivationNameSchema, activationFn } from './activations.js';
import { InitializerNameSchema } from './init-schema.js';
import type { Layer, LayerType } from './layer.js';

const DenseSpec = z.strictObject({
  type: z.literal('dense'),
  name: z.string().optional(),
  units: z.number().int().positive(),
  activation: ActivationNameSchema.default('linear'),
  useBias: z.boolean().default(true),
  kernelInitializer: InitializerNameSchema.default('glorotUniform'),
  biasInitializer: InitializerNameSchema.default('zeros'),
});
export type DenseSpec = z.infer<typeof DenseSpec>;
export type DenseOptions = Partial<Omit<DenseSpec, 'type' | 'units'>>;

function denseLayer(spec: DenseSpec): Layer<DenseSpec> {
  const act = activationFn(spec.activation);
  return {
    spec,
    build(inputShape) {
      if (inputShape.length < 1) throw new ShapeError('dense', 'an input of rank ≥ 1 per sample', fmtShape(inputShape));
      const inFeatures = inputShape[inputShape.length - 1] as number;
      const outputShape = [...inputShape.slice(0, -1), spec.units];
      return {
        outputShape,
        params: [
          {
            name: 'weight',
            shape: [inFeatures, spec.units],
            init: spec.kernelInitializer,
            fans: { fanIn: inFeatures, fanOut: spec.units },
          },
          ...(spec.useBias ? [{ name: 'bias', shape: [spec.units], init: spec.biasInitializer }] : []),
        ],
        forward(x, ctx) {
          // Applies to the last axis, so [batch, time, features] works too.
          const flat = x.rank === 2 ? x : reshape(x, [-1, inFeatures]);
          let y = matmul(flat, ctx.param('weight'));
          if (spec.useBias) y = add(y, ctx.param('bias'));
          if (x.rank !== 2) y = reshape(y, [x.shape[0] as number, ...outputShape]);
          return act(y);
        },
      };
    },
  };
}

/**
 * Fully connected layer y = act(x·W + b), W of shape [in, units].
 * @example sequential([dense(16, { activation: 'relu' }), dense(3)], { inputShape: [4] })
 */
export const dense = (units: number, options: DenseOptions = {}): Layer<DenseSpec> =>
  denseLayer(parseSpec(DenseSpec, { type: 'dense', units, ...options }, 'dense'));

export const denseType: LayerType = { type: 'dense', fromSpec: (spec) => denseLayer(parseSpec(DenseSpec, spec, "layer 'dense'")) };
