import { ShapeError, dropout as dropoutOp, reshape } from '@evoprop/tensor';
import { fmtShape } from '../format.js';
import { z } from 'zod';
import { parseSpec } from '../validate.js';
import type { Layer, LayerType } from './layer.js';

/** Options of the shape layers. */
type NameOption = Readonly<{
  /** Layer name, unique in a model. Default: the type and a counter (`flatten1`). */
  name?: string;
}>;

const FlattenSpec = z.strictObject({
  /** Layer type tag in the JSON spec. */
  type: z.literal('flatten'),
  /** Layer name, unique in a model. Default: the type and a counter (`flatten1`). */
  name: z.string().optional(),
});
/** A flatten layer's JSON spec. */
export type FlattenSpec = z.infer<typeof FlattenSpec>;

function flattenFromSpec(spec: FlattenSpec): Layer<FlattenSpec> {
  return {
    spec,
    build(inputShape) {
      const size = inputShape.reduce((a, b) => a * b, 1);
      return { outputShape: [size], params: [], forward: (x) => reshape(x, [x.shape[0] as number, size]) };
    },
  };
}

/** [batch, ...shape] → [batch, prod(shape)]. */
export const flattenLayer = (options: NameOption = {}): Layer<FlattenSpec> =>
  flattenFromSpec(parseSpec(FlattenSpec, { type: 'flatten', ...options }, 'flatten'));
/**
 * The flatten layer under its old name, which is also @evoprop/tensor's `flatten` op.
 * @deprecated Use {@link flattenLayer}.
 */
export const flatten = flattenLayer;
/** Builds flatten layers from JSON specs. */
export const flattenType: LayerType = {
  type: 'flatten',
  fromSpec: (spec) => flattenFromSpec(parseSpec(FlattenSpec, spec, "layer 'flatten'")),
};

const DropoutSpec = z.strictObject({
  /** Layer type tag in the JSON spec. */
  type: z.literal('dropout'),
  /** Layer name, unique in a model. Default: the type and a counter (`dropout1`). */
  name: z.string().optional(),
  /** Probability of zeroing each value in train mode, in [0, 1). */
  rate: z.number().min(0).lt(1),
});
/** A dropout layer's JSON spec. */
export type DropoutSpec = z.infer<typeof DropoutSpec>;

function dropoutFromSpec(spec: DropoutSpec): Layer<DropoutSpec> {
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
export const dropoutLayer = (rate: number, options: NameOption = {}): Layer<DropoutSpec> =>
  dropoutFromSpec(parseSpec(DropoutSpec, { type: 'dropout', rate, ...options }, 'dropout'));
/**
 * The dropout layer under its old name, which is also @evoprop/tensor's `dropout` op.
 * @deprecated Use {@link dropoutLayer}.
 */
export const dropout = dropoutLayer;
/** Builds dropout layers from JSON specs. */
export const dropoutType: LayerType = {
  type: 'dropout',
  fromSpec: (spec) => dropoutFromSpec(parseSpec(DropoutSpec, spec, "layer 'dropout'")),
};

const ReshapeSpec = z.strictObject({
  /** Layer type tag in the JSON spec. */
  type: z.literal('reshape'),
  /** Layer name, unique in a model. Default: the type and a counter (`reshape1`). */
  name: z.string().optional(),
  /** Per-sample output shape (without the batch dimension); its size must equal the input's. */
  shape: z.array(z.int().positive()).min(1),
});
/** A reshape layer's JSON spec. */
export type ReshapeSpec = z.infer<typeof ReshapeSpec>;

function reshapeLayer(spec: ReshapeSpec): Layer<ReshapeSpec> {
  return {
    spec,
    build(inputShape) {
      const size = inputShape.reduce((a, b) => a * b, 1);
      const out = spec.shape.reduce((a, b) => a * b, 1);
      if (out !== size) throw new ShapeError('reshape', `a shape of ${size} values (input ${fmtShape(inputShape)})`, fmtShape(spec.shape));
      return { outputShape: [...spec.shape], params: [], forward: (x) => reshape(x, [x.shape[0] as number, ...spec.shape]) };
    },
  };
}

/** [batch, ...in] → [batch, ...shape], same values in the same order: a dense code back into feature maps. @example reshape([16, 7, 7]) */
export const reshapeTo = (shape: readonly number[], options: NameOption = {}): Layer<ReshapeSpec> =>
  reshapeLayer(parseSpec(ReshapeSpec, { type: 'reshape', shape: [...shape], ...options }, 'reshape'));
/** Builds reshape layers from JSON specs. */
export const reshapeType: LayerType = {
  type: 'reshape',
  fromSpec: (spec) => reshapeLayer(parseSpec(ReshapeSpec, spec, "layer 'reshape'")),
};
