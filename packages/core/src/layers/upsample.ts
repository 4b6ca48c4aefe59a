import { ShapeError, mul, ones, reshape } from '@evoprop/tensor';
import { z } from 'zod';
import { fmtShape } from '../format.js';
import { parseSpec } from '../validate.js';
import type { Layer, LayerType } from './layer.js';
import { PairSchema, toPair } from './schema.js';

const Upsample2dSpec = z.strictObject({
  /** Layer type tag in the JSON spec. */
  type: z.literal('upsample2d'),
  /** Layer name, unique in a model. Default: the type and a counter (`upsample2d1`). */
  name: z.string().optional(),
  /** Integer factor of height and width: one for both, or `[height, width]`. */
  scale: PairSchema,
});
/** An upsampling layer's JSON spec (NCHW), as parsed. */
export type Upsample2dSpec = z.infer<typeof Upsample2dSpec>;

function upsampleLayer(spec: Upsample2dSpec): Layer<Upsample2dSpec> {
  const [sh, sw] = toPair(spec.scale);
  return {
    spec,
    build(inputShape) {
      if (inputShape.length !== 3) throw new ShapeError('upsample2d', 'a per-sample input [channels, height, width]', fmtShape(inputShape));
      const [c, h, w] = inputShape as [number, number, number];
      const copies = ones([1, 1, 1, sh, 1, sw]);
      return {
        outputShape: [c, h * sh, w * sw],
        params: [],
        // NOTE: a composite of primitives: each value broadcast over an sh×sw block, so the
        // gradient (the sum over each block) comes from mul's and reshape's own backward steps.
        forward: (x) => {
          const n = x.shape[0] as number;
          return reshape(mul(reshape(x, [n, c, h, 1, w, 1]), copies), [n, c, h * sh, w * sw]);
        },
      };
    },
  };
}

/**
 * Nearest-neighbour upsampling of [channels, height, width] by integer factors: every value
 * becomes an sh×sw block (Keras' `UpSampling2D`, PyTorch's `Upsample(mode='nearest')`).
 * Followed by a convolution, it is the decoder half of a convolutional autoencoder, without
 * the checkerboard artefacts of strided transposed convolutions (Odena et al. 2016).
 *
 * @example sequential([upsample2d(2), conv2d(8, 3, { padding: 'same' })], { inputShape: [16, 7, 7], rng }); // → [8, 14, 14]
 */
export const upsample2d = (scale: number | [number, number], options: Readonly<{ name?: string }> = {}): Layer<Upsample2dSpec> =>
  upsampleLayer(parseSpec(Upsample2dSpec, { type: 'upsample2d', scale, ...options }, 'upsample2d'));
/** Builds upsample2d layers from JSON specs. */
export const upsample2dType: LayerType = {
  type: 'upsample2d',
  fromSpec: (spec) => upsampleLayer(parseSpec(Upsample2dSpec, spec, "layer 'upsample2d'")),
};
