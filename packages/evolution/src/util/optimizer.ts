import { type GradientTransformation, type OptimizerName, optimizers } from '@evoprop/backprop';
import { z } from 'zod';

/**
 * An optimizer named as plain data (`{ name: 'adam', lr: 0.01 }`), so a strategy state that
 * holds its optimizer state stays checkpointable; the transform is rebuilt from the spec on
 * every update. Any named optimizer of @evoprop/backprop works; extra keys are its options.
 */
export const optimizerSpecSchema = z.strictObject({
  name: z.enum(Object.keys(optimizers) as [OptimizerName, ...OptimizerName[]]),
  lr: z.number().positive(),
  b1: z.number().optional(),
  b2: z.number().optional(),
  eps: z.number().optional(),
  weightDecay: z.number().optional(),
  momentum: z.number().optional(),
  nesterov: z.boolean().optional(),
  decay: z.number().optional(),
  centered: z.boolean().optional(),
  initialAccumulatorValue: z.number().optional(),
});
export type OptimizerSpec = z.output<typeof optimizerSpecSchema>;

export function buildOptimizer(spec: OptimizerSpec): GradientTransformation<unknown> {
  const { name, ...options } = spec;
  return (optimizers[name] as (o: typeof options) => GradientTransformation<unknown>)(options);
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
