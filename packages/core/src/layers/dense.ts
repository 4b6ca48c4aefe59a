import { ShapeError, add, matmul, reshape } from '@evoprop/tensor';
import { z } from 'zod';
import { fmtShape } from '../format.js';
import { parseSpec } from '../validate.js';
import { ActivationNameSchema, activationFn } from './activations.js';
import { InitializerNameSchema } from './init-schema.js';
import type { Layer, LayerType } from './layer.js';

const DenseSpec = z.strictObject({
  /** Layer type tag in the JSON spec. */
  type: z.literal('dense'),
  /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
  name: z.string().optional(),
  /** Output features per sample; an integer ≥ 1. */
  units: z.number().int().positive(),
  /** Activation applied to the output. Default `'linear'`. */
  activation: ActivationNameSchema.default('linear'),
  /** Adds a learned bias vector of length `units`. Default `true`. */
  useBias: z.boolean().default(true),
  /** Initializer of the weight matrix [in, units] (see `initializerNames`). Default `glorotUniform`. */
  kernelInitializer: InitializerNameSchema.default('glorotUniform'),
  /** Initializer of the bias (see `initializerNames`). Default `zeros`. */
  biasInitializer: InitializerNameSchema.default('zeros'),
});
/** A dense layer's JSON spec, as parsed (defaults filled in). */
export type DenseSpec = z.infer<typeof DenseSpec>;
/** Options of {@link dense} besides the unit count: every other spec field, each optional with its default. */
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

/** Builds dense layers from JSON specs (`{ type: 'dense', ... }`); pass to `buildModel`'s `layers` only to override it. */
export const denseType: LayerType = { type: 'dense', fromSpec: (spec) => denseLayer(parseSpec(DenseSpec, spec, "layer 'dense'")) };
