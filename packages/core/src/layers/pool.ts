import { ShapeError, avgPool2d as avgPoolOp, maxPool2d as maxPoolOp } from '@evoprop/tensor';
import { z } from 'zod';
import { fmtShape } from '../format.js';
import { parseSpec } from '../validate.js';
import type { Layer, LayerType } from './layer.js';
import { PadPairSchema, PairSchema, toPair, windowOut } from './schema.js';

const PoolSpec = z.strictObject({
  /** Layer type tag: max or average pooling. */
  type: z.enum(['maxPool2d', 'avgPool2d']),
  /** Layer name, unique in a model; parameters are called `<name>.<param>`. Default: the type and a counter (`dense1`). */
  name: z.string().optional(),
  /** Window height and width: one size for both, or `[height, width]`. */
  kernelSize: PairSchema,
  /** Defaults to the kernel size. */
  stride: PairSchema.optional(),
  /** Implicit zero padding per side (max pooling pads with −∞): one size or `[height, width]`. Default 0. */
  padding: PadPairSchema.default(0),
});
/** A 2-D pooling layer's JSON spec (NCHW), as parsed (defaults filled in). */
export type PoolSpec = z.infer<typeof PoolSpec>;
/** Options of {@link maxPool2d} / {@link avgPool2d} besides the window size. */
export type PoolOptions = Partial<Omit<PoolSpec, 'type' | 'kernelSize'>>;

function poolLayer(spec: PoolSpec): Layer<PoolSpec> {
  const kernel = toPair(spec.kernelSize);
  const stride = toPair(spec.stride ?? spec.kernelSize);
  const padding = toPair(spec.padding);
  const op = spec.type === 'maxPool2d' ? maxPoolOp : avgPoolOp;
  return {
    spec,
    build(inputShape) {
      if (inputShape.length !== 3) throw new ShapeError(spec.type, 'a per-sample input [channels, height, width]', fmtShape(inputShape));
      const [c, h, w] = inputShape as [number, number, number];
      const outH = windowOut(h, kernel[0], stride[0], padding[0], 1);
      const outW = windowOut(w, kernel[1], stride[1], padding[1], 1);
      if (outH < 1 || outW < 1)
        throw new ShapeError(spec.type, `an input of at least the window ${kernel.join('×')}`, fmtShape(inputShape));
      return { outputShape: [c, outH, outW], params: [], forward: (x) => op(x, { kernelSize: kernel, stride, padding }) };
    },
  };
}

/** Max pooling over [channels, height, width]; stride defaults to the window. @example maxPool2dLayer(2) */
export const maxPool2dLayer = (kernelSize: number | [number, number], options: PoolOptions = {}): Layer<PoolSpec> =>
  poolLayer(parseSpec(PoolSpec, { type: 'maxPool2d', kernelSize, ...options }, 'maxPool2d'));
/** Average pooling (padding counts as zeros, PyTorch's default). */
export const avgPool2dLayer = (kernelSize: number | [number, number], options: PoolOptions = {}): Layer<PoolSpec> =>
  poolLayer(parseSpec(PoolSpec, { type: 'avgPool2d', kernelSize, ...options }, 'avgPool2d'));

/**
 * The max-pooling layer under its old name, which is also @evoprop/tensor's `maxPool2d` op.
 * @deprecated Use {@link maxPool2dLayer}.
 */
export const maxPool2d = maxPool2dLayer;
/**
 * The average-pooling layer under its old name, which is also @evoprop/tensor's `avgPool2d` op.
 * @deprecated Use {@link avgPool2dLayer}.
 */
export const avgPool2d = avgPool2dLayer;

/** Build maxPool2d and avgPool2d layers from JSON specs. */
export const poolTypes: readonly LayerType[] = (['maxPool2d', 'avgPool2d'] as const).map((type) => ({
  type,
  fromSpec: (spec: unknown) => poolLayer(parseSpec(PoolSpec, spec, `layer '${type}'`)),
}));
