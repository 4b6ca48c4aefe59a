import { ShapeError, type Tensor, add, div, equal, gather, mean, movingAverage, mul, noGrad, reshape, sqrt, sub } from '@evoprop/tensor';
import { z } from 'zod';
import { deprecatedKeys } from '../config/deprecated-keys.js';
import { SpecError } from '../errors.js';
import { fmtShape } from '../format.js';
import { parseSpec } from '../validate.js';
import { InitializerNameSchema } from './init-schema.js';
import type { Layer, LayerType } from './layer.js';

// `eps`, as PyTorch's BatchNorm and LayerNorm and every optimizer config here; `epsilon` (the name before) still loads.
const BatchNormSpec = deprecatedKeys(
  z.strictObject({
    /** Layer type tag in the JSON spec. */
    type: z.literal('batchNorm'),
    /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
    name: z.string().optional(),
    /** Weight of the new batch in the running statistics (PyTorch convention). */
    momentum: z.number().min(0).max(1).default(0.1),
    /** ε added to the variance before the square root, for stability, > 0. Default 1e-5. Formerly `epsilon`. */
    eps: z.number().positive().default(1e-5),
  }),
  { epsilon: 'eps' },
);
/** A batch-normalisation layer's JSON spec, as parsed (defaults filled in). */
export type BatchNormSpec = z.infer<typeof BatchNormSpec>;

/**
 * Batch normalisation (Ioffe & Szegedy 2015, Alg. 1, p. 3). Channels are axis 0 of a
 * [C, H, W] sample, else the last axis. Train mode normalises with the batch's mean
 * and biased variance and updates the running statistics (buffers `runningMean`,
 * `runningVar`, with the unbiased variance, as PyTorch does; an empty batch leaves them
 * as they are); eval mode uses them.
 * Written with primitive ops, so the gradient needs no code of its own.
 */
function batchNormLayer(spec: BatchNormSpec): Layer<BatchNormSpec> {
  return {
    spec,
    build(inputShape) {
      if (inputShape.length < 1) throw new ShapeError('batchNorm', 'a per-sample input of rank ≥ 1', fmtShape(inputShape));
      const image = inputShape.length === 3;
      const channels = (image ? inputShape[0] : inputShape[inputShape.length - 1]) as number;
      const rank = inputShape.length + 1;
      const channelAxis = image ? 1 : rank - 1;
      const axes = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== channelAxis);
      const paramShape = image ? [channels, 1, 1] : [channels];
      return {
        outputShape: inputShape,
        params: [
          { name: 'gamma', shape: [channels], init: 'ones' },
          { name: 'beta', shape: [channels], init: 'zeros' },
        ],
        buffers: [
          { name: 'runningMean', shape: [channels], fill: 0 },
          { name: 'runningVar', shape: [channels], fill: 1 },
        ],
        forward(x, ctx) {
          const gamma = reshape(ctx.param('gamma'), paramShape);
          const beta = reshape(ctx.param('beta'), paramShape);
          const runningMean = ctx.buffer('runningMean');
          const runningVar = ctx.buffer('runningVar');
          let xhat: Tensor;
          if (ctx.mode === 'train') {
            const mu = mean(x, { axis: axes, keepdims: true });
            const d = sub(x, mu);
            const variance = mean(mul(d, d), { axis: axes, keepdims: true });
            xhat = div(d, sqrt(add(variance, spec.eps)));
            const count = x.size / channels;
            const m = spec.momentum;
            const unbias = count > 1 ? count / (count - 1) : 1;
            // NOTE: an empty batch has no statistics (its mean is NaN); updating with it would poison
            // every later eval-mode forward, so it is skipped, as PyTorch does.
            if (count > 0) {
              movingAverage(runningMean, mu, m);
              movingAverage(runningVar, variance, m, unbias);
            }
          } else {
            const mu = reshape(runningMean.detach(), paramShape);
            const sd = sqrt(add(reshape(runningVar.detach(), paramShape), spec.eps));
            xhat = div(sub(x, mu), sd);
          }
          return add(mul(xhat, gamma), beta);
        },
      };
    },
  };
}

/** The old name of a normalisation layer's `eps`. */
type DeprecatedEpsilon = {
  /** @deprecated The old name of `eps` (still accepted, with a deprecation warning). */
  readonly epsilon?: number;
};

/** Batch normalisation over channels (see the layer's notes above); options are any spec field but `type`. */
export const batchNorm = (options: Partial<Omit<BatchNormSpec, 'type'>> & DeprecatedEpsilon = {}): Layer<BatchNormSpec> =>
  batchNormLayer(parseSpec(BatchNormSpec, { type: 'batchNorm', ...options }, 'batchNorm'));
/** Builds batchNorm layers from JSON specs (`{ type: 'batchNorm', ... }`). */
export const batchNormType: LayerType = {
  type: 'batchNorm',
  fromSpec: (spec) => batchNormLayer(parseSpec(BatchNormSpec, spec, "layer 'batchNorm'")),
};

const LayerNormSpec = deprecatedKeys(
  z.strictObject({
    /** Layer type tag in the JSON spec. */
    type: z.literal('layerNorm'),
    /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
    name: z.string().optional(),
    /** ε added to the variance before the square root, for stability, > 0. Default 1e-5. Formerly `epsilon`. */
    eps: z.number().positive().default(1e-5),
  }),
  { epsilon: 'eps' },
);
/** A layer-normalisation layer's JSON spec, as parsed (defaults filled in). */
export type LayerNormSpec = z.infer<typeof LayerNormSpec>;

/** Layer normalisation (Ba, Kiros & Hinton 2016, eq. 4) over the last axis, with gain and bias; same in train and eval. */
function layerNormLayer(spec: LayerNormSpec): Layer<LayerNormSpec> {
  return {
    spec,
    build(inputShape) {
      if (inputShape.length < 1) throw new ShapeError('layerNorm', 'a per-sample input of rank ≥ 1', fmtShape(inputShape));
      const features = inputShape[inputShape.length - 1] as number;
      return {
        outputShape: inputShape,
        params: [
          { name: 'gamma', shape: [features], init: 'ones' },
          { name: 'beta', shape: [features], init: 'zeros' },
        ],
        forward(x, ctx) {
          const d = sub(x, mean(x, { axis: -1, keepdims: true }));
          const variance = mean(mul(d, d), { axis: -1, keepdims: true });
          return add(mul(div(d, sqrt(add(variance, spec.eps))), ctx.param('gamma')), ctx.param('beta'));
        },
      };
    },
  };
}

/** Layer normalisation over the last axis with a learned gain and bias (Ba, Kiros & Hinton 2016, eq. 4). */
export const layerNorm = (options: Partial<Omit<LayerNormSpec, 'type'>> & DeprecatedEpsilon = {}): Layer<LayerNormSpec> =>
  layerNormLayer(parseSpec(LayerNormSpec, { type: 'layerNorm', ...options }, 'layerNorm'));
/** Builds layerNorm layers from JSON specs (`{ type: 'layerNorm', ... }`). */
export const layerNormType: LayerType = {
  type: 'layerNorm',
  fromSpec: (spec) => layerNormLayer(parseSpec(LayerNormSpec, spec, "layer 'layerNorm'")),
};

const EmbeddingSpec = z.strictObject({
  /** Layer type tag in the JSON spec. */
  type: z.literal('embedding'),
  /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
  name: z.string().optional(),
  /** Vocabulary size: inputs are integer ids in [0, inputDim). */
  inputDim: z.number().int().positive(),
  /** Length of each embedding vector; an integer ≥ 1. */
  outputDim: z.number().int().positive(),
  /** Initializer of the table [inputDim, outputDim] (see `initializerNames`). Default `glorotUniform`. */
  initializer: InitializerNameSchema.default('glorotUniform'),
  /**
   * The id of padding (PyTorch's `padding_idx`): it embeds to a zero vector and its row gets no
   * gradient, so a recurrent layer with `mask: true` skips padded steps. Default: none.
   */
  paddingIndex: z.number().int().nonnegative().optional(),
});
/** An embedding layer's JSON spec, as parsed (defaults filled in). */
export type EmbeddingSpec = z.infer<typeof EmbeddingSpec>;

function embeddingLayer(spec: EmbeddingSpec): Layer<EmbeddingSpec> {
  const pad = spec.paddingIndex;
  if (pad !== undefined && pad >= spec.inputDim) {
    throw new SpecError('embedding', `a paddingIndex in 0..${spec.inputDim - 1} (inputDim ${spec.inputDim})`, String(pad));
  }
  return {
    spec,
    build: (inputShape) => ({
      outputShape: [...inputShape, spec.outputDim],
      params: [{ name: 'weight', shape: [spec.inputDim, spec.outputDim], init: spec.initializer }],
      forward: (x, ctx) => {
        // gather validates the ids (integers in range) and scatter-adds the gradient
        const out = gather(ctx.param('weight'), x, 0);
        if (pad === undefined) return out;
        // NOTE: a constant 0/1 factor zeroes both the padding vectors and their row's gradient.
        const keep = noGrad(() => sub(1, equal(x, pad)));
        return mul(out, reshape(keep, [...x.shape, 1]));
      },
    }),
  };
}

/** A lookup table: integer ids of any per-sample shape S → [...S, outputDim]. @example embedding(1000, 16) */
export const embedding = (
  inputDim: number,
  outputDim: number,
  options: Partial<Omit<EmbeddingSpec, 'type' | 'inputDim' | 'outputDim'>> = {},
): Layer<EmbeddingSpec> => embeddingLayer(parseSpec(EmbeddingSpec, { type: 'embedding', inputDim, outputDim, ...options }, 'embedding'));
/** Builds embedding layers from JSON specs (`{ type: 'embedding', ... }`). */
export const embeddingType: LayerType = {
  type: 'embedding',
  fromSpec: (spec) => embeddingLayer(parseSpec(EmbeddingSpec, spec, "layer 'embedding'")),
};
