import { type GradientTransformation, type OptimizerName, optimizers } from '@evoprop/backprop';
import { deprecatedKeys } from '@evoprop/core/config';
import { z } from 'zod';

/**
 * An optimizer named as plain data (`{ name: 'adam', learningRate: 0.01 }`, the keys of
 * `@evoprop/backprop`'s optimizer config), so a strategy state that holds its optimizer state
 * stays checkpointable; the transform is rebuilt from the spec on every update. Any named
 * optimizer of @evoprop/backprop works; extra keys are its options. `lr` is a deprecated alias
 * of `learningRate` (it still works, with a deprecation warning).
 */
export const optimizerSpecSchema = deprecatedKeys(
  z.strictObject({
    /** Which optimizer of `@evoprop/backprop`'s {@link optimizers} registry (`'adam'`, `'sgd'`, ...). */
    name: z.enum(Object.keys(optimizers) as [OptimizerName, ...OptimizerName[]]),
    /** Learning rate applied to the estimated gradient, > 0 (formerly `lr`). */
    learningRate: z.number().positive().meta({ unit: 'per generation' }),
    /** β1 of Adam / AdamW / AdaBelief / Lion, in [0, 1). Default: the optimizer's (0.9). */
    b1: z.number().optional().meta({ unit: 'coefficient' }),
    /** β2 of Adam / AdamW / AdaBelief / Lion, in [0, 1). Default: the optimizer's (0.999; Lion 0.99). */
    b2: z.number().optional().meta({ unit: 'coefficient' }),
    /** ε of Adam / AdaBelief / RMSProp / Adagrad. Default: the optimizer's. */
    eps: z.number().optional().meta({ unit: 'gradient units' }),
    /** Coupled L2 penalty λ, ≥ 0: λ·p added to the estimated gradient before the optimizer's statistics. Default 0. */
    l2: z.number().nonnegative().optional().meta({ unit: 'coefficient' }),
    /**
     * Decoupled weight decay λ of adamw / lion / adabelief, ≥ 0: λ·p added to the optimizer's update, then
     * scaled by the learning rate. Default: the optimizer's (AdamW 0.01, else 0). On the other optimizers a
     * deprecated alias of `l2` (it always was the coupled penalty there).
     */
    weightDecay: z.number().nonnegative().optional().meta({ unit: 'coefficient' }),
    /** Momentum coefficient μ of SGD / momentum / Nesterov / RMSProp, in [0, 1). Default: the optimizer's. */
    momentum: z.number().optional().meta({ unit: 'coefficient' }),
    /** Nesterov momentum for `'sgd'`. Default false. */
    nesterov: z.boolean().optional(),
    /** RMSProp's squared-gradient decay α, in [0, 1). Default 0.99. */
    decay: z.number().optional().meta({ unit: 'coefficient' }),
    /** Centered RMSProp. Default false. */
    centered: z.boolean().optional(),
    /** Adagrad's starting accumulator value, ≥ 0. Default 0. */
    initialAccumulatorValue: z.number().optional().meta({ unit: 'squared gradient units' }),
  }),
  { lr: 'learningRate' },
);
/** An optimizer named as plain data; see the {@link optimizerSpecSchema} schema. */
export type OptimizerSpec = z.output<typeof optimizerSpecSchema>;

/** The gradient transformation an {@link OptimizerSpec} names, built with its options. */
export function buildOptimizer(spec: OptimizerSpec): GradientTransformation<unknown> {
  // A strategy state checkpointed before the rename holds `lr` instead of `learningRate`.
  const { name, learningRate, lr, ...options } = spec as OptimizerSpec & { lr?: number };
  return (optimizers[name] as (o: unknown) => GradientTransformation<unknown>)({ ...options, lr: learningRate ?? lr });
}

/**
 * Hands an estimated loss gradient (float64) to the optimizer and applies its updates
 * (optax convention: updates are added) to a float64 mean. Returns the new mean and state.
 */
export function optimizerStep(
  spec: OptimizerSpec,
  state: unknown,
  mean: Float64Array,
  grad: Float64Array,
): { mean: Float64Array; state: unknown } {
  const [updates, next] = buildOptimizer(spec).update(Float32Array.from(grad), state, Float32Array.from(mean));
  const out = new Float64Array(mean.length);
  for (let i = 0; i < mean.length; i++) out[i] = mean[i] + updates[i];
  return { mean: out, state: next };
}
