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
  /** Layer type tag in the JSON spec. */
  type: z.literal('conv2d'),
  /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
  name: z.string().optional(),
  /** Output channels; an integer ≥ 1. */
  filters: z.number().int().positive(),
  /** Kernel height and width: one size for both, or `[height, width]`. */
  kernelSize: PairSchema,
  /** Step between windows: one size or `[height, width]`. Default 1. */
  stride: PairSchema.default(1),
  /** Zero padding per side, or 'same' (stride 1, output size = input size) / 'valid' (none). */
  padding: z.union([PadPairSchema, z.enum(['same', 'valid'])]).default('valid'),
  /** Spacing between kernel taps (atrous convolution): one size or `[height, width]`. Default 1. */
  dilation: PairSchema.default(1),
  /** Activation applied to the output. Default `'linear'`. */
  activation: ActivationNameSchema.default('linear'),
  /** Adds a learned bias per output channel. Default `true`. */
  useBias: z.boolean().default(true),
  /** Initializer of the kernel [filters, channels, kH, kW] (see `initializerNames`). Default `heUniform`. */
  kernelInitializer: InitializerNameSchema.default('heUniform'),
  /** Initializer of the bias (see `initializerNames`). Default `zeros`. */
  biasInitializer: InitializerNameSchema.default('zeros'),
});
/** A 2-D convolution layer's JSON spec (NCHW), as parsed (defaults filled in). */
export type Conv2dSpec = z.infer<typeof Conv2dSpec>;
/** Options of {@link conv2d} besides filters and kernel size: every other spec field, each optional with its default. */
export type Conv2dLayerOptions = Partial<Omit<Conv2dSpec, 'type' | 'filters' | 'kernelSize'>>;

function conv2dFromSpec(spec: Conv2dSpec): Layer<Conv2dSpec> {
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
 * @example conv2dLayer(8, 3, { padding: 'same', activation: 'relu' })
 */
export const conv2dLayer = (filters: number, kernelSize: number | [number, number], options: Conv2dLayerOptions = {}): Layer<Conv2dSpec> =>
  conv2dFromSpec(parseSpec(Conv2dSpec, { type: 'conv2d', filters, kernelSize, ...options }, 'conv2d'));

/**
 * The conv2d layer under its old name, which is also @evoprop/tensor's `conv2d` op.
 * @deprecated Use {@link conv2dLayer}.
 */
export const conv2d = conv2dLayer;

/** Builds conv2d layers from JSON specs (`{ type: 'conv2d', ... }`). */
export const conv2dType: LayerType = { type: 'conv2d', fromSpec: (spec) => conv2dFromSpec(parseSpec(Conv2dSpec, spec, "layer 'conv2d'")) };
