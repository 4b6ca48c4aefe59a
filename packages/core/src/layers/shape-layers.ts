import { dropout as dropoutOp, reshape } from '@evoprop/tensor';
import { z } from 'zod';
import { parseSpec } from '../validate.js';
import type { Layer, LayerType } from './layer.js';

const FlattenSpec = z.strictObject({ type: z.literal('flatten'), name: z.string().optional() });
export type FlattenSpec = z.infer<typeof FlattenSpec>;

function flattenLayer(spec: FlattenSpec): Layer<FlattenSpec> {
  return {
    spec,
    build(inputShape) {
      const size = inputShape.reduce((a, b) => a * b, 1);
      return { outputShape: [size], params: [], forward: (x) => reshape(x, [x.shape[0] as number, size]) };
    },
  };
}

/** [batch, ...shape] → [batch, prod(shape)]. */
export const flatten = (options: { name?: string } = {}): Layer<FlattenSpec> =>
  flattenLayer(parseSpec(FlattenSpec, { type: 'flatten', ...options }, 'flatten'));
export const flattenType: LayerType = {
  type: 'flatten',
  fromSpec: (spec) => flattenLayer(parseSpec(FlattenSpec, spec, "layer 'flatten'")),
};

const DropoutSpec = z.strictObject({ type: z.literal('dropout'), name: z.string().optional(), rate: z.number().min(0).lt(1) });
export type DropoutSpec = z.infer<typeof DropoutSpec>;

function dropoutLayer(spec: DropoutSpec): Layer<DropoutSpec> {
  return {
    spec,
    build: (inputShape) => ({
      outputShape: inputShape,
      params: [],
      forward: (x, ctx) => (ctx.mode === 'train' ? dropoutOp(x, spec.rate, ctx.rng(), true) : x),
    }),
  };
}

/**
 * Inverted dropout: in train mode zeroes each value with probability `rate` and scales
 * the rest by 1/(1 − rate); identity in eval mode. The mask comes from the forward's
 * `rng` option (or the model's own stream), so a seeded step is reproducible.
 */
export const dropout = (rate: number, options: { name?: string } = {}): Layer<DropoutSpec> =>
  dropoutLayer(parseSpec(DropoutSpec, { type: 'dropout', rate, ...options }, 'dropout'));
export const dropoutType: LayerType = {
  type: 'dropout',
  fromSpec: (spec) => dropoutLayer(parseSpec(DropoutSpec, spec, "layer 'dropout'")),
};
