import { ShapeError, conv2d as conv2dOp } from '@evoprop/tensor';
import { z } from 'zod';
import { SpecError } from '../errors.js';
import { fmtShape } from '../format.js';
import { parseSpec } from '../validate.js';
import { ActivationNameSchema, activationFn } from './activations.js';
import { InitializerNameSchema } from './init-schema.js';
import type { Layer, LayerType } from './layer.js';
import { PadPairSchema, PairSchema, toPair, windowOut } from './schema.js';

const Conv2dSpec = z.strictObject({
  type: z.literal('conv2d'),
  name: z.string().optional(),
  filters: z.number().int().positive(),
  kernelSize: PairSchema,
  stride: PairSchema.default(1),
  /** Zero padding per side, or 'same' (stride 1, output size = input size) / 'valid' (none). */
  padding: z.union([PadPairSchema, z.enum(['same', 'valid'])]).default('valid'),
  dilation: PairSchema.default(1),
  activation: ActivationNameSchema.default('linear'),
  useBias: z.boolean().default(true),
  kernelInitializer: InitializerNameSchema.default('heUniform'),
  biasInitializer: InitializerNameSchema.default('zeros'),
});
export type Conv2dSpec = z.infer<typeof Conv2dSpec>;
export type Conv2dLayerOptions = Partial<Omit<Conv2dSpec, 'type' | 'filters' | 'kernelSize'>>;

function conv2dLayer(spec: Conv2dSpec): Layer<Conv2dSpec> {
  const act = activationFn(spec.activation);
  const [kH, kW] = toPair(spec.kernelSize);
  const [sH, sW] = toPair(spec.stride);
  const [dH, dW] = toPair(spec.dilation);
  let padding: [number, number];
  if (spec.padding === 'valid') padding = [0, 0];
  else if (spec.padding === 'same') {
    if (sH !== 1 || sW !== 1 || (dH * (kH - 1)) % 2 !== 0 || (dW * (kW - 1)) % 2 !== 0) {
      throw new SpecError(
        'conv2d.padding',
        "'same' with stride 1 and an odd (dilated) kernel",
        `stride ${JSON.stringify(spec.stride)}, kernel ${JSON.stringify(spec.kernelSize)}`,
      );
    }
    padding = [(dH * (kH - 1)) / 2, (dW * (kW - 1)) / 2];
  } else padding = toPair(spec.padding);
  return {
    spec,
    build(inputShape) {
      if (inputShape.length !== 3) throw new ShapeError('conv2d', 'a per-sample input [channels, height, width]', fmtShape(inputShape));
      const [c, h, w] = inputShape as [number, number, number];
      const outH = windowOut(h, kH, sH, padding[0], dH);
      const outW = windowOut(w, kW, sW, padding[1], dW);
      if (outH < 1 || outW < 1)
        throw new ShapeError('conv2d', `an input of at least the (dilated) kernel size ${kH}×${kW} after padding`, fmtShape(inputShape));
      return {
        outputShape: [spec.filters, outH, outW],
        params: [
          {
            name: 'weight',
            shape: [spec.filters, c, kH, kW],
            init: spec.kernelInitializer,
            fans: { fanIn: c * kH * kW, fanOut: spec.filters * kH * kW },
          },
          ...(spec.useBias ? [{ name: 'bias', shape: [spec.filters], init: spec.biasInitializer }] : []),
        ],
        forward: (x, ctx) =>
          act(
            conv2dOp(x, ctx.param('weight'), {
              stride: [sH, sW],
              padding,
              dilation: [dH, dW],
              ...(spec.useBias ? { bias: ctx.param('bias') } : {}),
            }),
          ),
      };
    },
  };
}

/**
 * 2-D convolution over [channels, height, width] inputs (PyTorch layout), weight
 * [filters, channels, kH, kW].
 * @example conv2d(8, 3, { padding: 'same', activation: 'relu' })
 */
export const conv2d = (filters: number, kernelSize: number | [number, number], options: Conv2dLayerOptions = {}): Layer<Conv2dSpec> =>
  conv2dLayer(parseSpec(Conv2dSpec, { type: 'conv2d', filters, kernelSize, ...options }, 'conv2d'));

export const conv2dType: LayerType = { type: 'conv2d', fromSpec: (spec) => conv2dLayer(parseSpec(Conv2dSpec, spec, "layer 'conv2d'")) };
