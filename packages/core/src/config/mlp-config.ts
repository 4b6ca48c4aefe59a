import { z } from 'zod';
import { mlpFootprint, mlpMemoryLimitBytes, mlpTooLarge } from './model-footprint.js';

/** The activations a trainer's default MLP may use in its hidden layers. */
export const hiddenActivationNames = ['relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu'] as const;
/** One of {@link hiddenActivationNames}. */
export type HiddenActivationName = (typeof hiddenActivationNames)[number];

/** A trainer's default MLP: hidden widths and their activation. */
export type MlpDefaults = Readonly<{
  /** Widths of the hidden layers, input side first. */
  hidden: readonly number[];
  /** Activation of every hidden layer. */
  activation: HiddenActivationName;
}>;

/**
 * The two fields of a trainer's default MLP (`hidden`, `activation`) with that trainer's own
 * defaults, to spread into a config schema that keeps them at its top level. Each trainer keeps
 * its defaults (they decide its seeded results); the schema, its checks and its messages are shared.
 *
 * @example
 * const Config = z.strictObject({ ...mlpFields({ hidden: [16, 16], activation: 'tanh' }), batchSize: z.number() });
 */
export function mlpFields(defaults: MlpDefaults) {
  return {
    /** Widths of the default model's hidden layers, input side first, each an integer > 0; refused when the model cannot fit in memory (see `checkMlpFits`). */
    hidden: z
      .array(z.number().int().positive().meta({ unit: 'neurons' }))
      .superRefine((hidden, ctx) => {
        const f = mlpFootprint({ hidden });
        if (f.bytes > mlpMemoryLimitBytes) {
          const [expected, actual] = mlpTooLarge(hidden, f);
          ctx.addIssue({ code: 'custom', message: expected, params: { actual } });
        }
      })
      .default([...defaults.hidden]),
    /** Activation of the default model's hidden layers. */
    activation: z.enum(hiddenActivationNames).default(defaults.activation),
  };
}

/**
 * The default-MLP section of a trainer config (`model: { hidden, activation }`), every key
 * optional, unknown keys rejected, with that trainer's defaults.
 *
 * @example
 * const Config = z.strictObject({ model: mlpConfigSchema({ hidden: [16], activation: 'tanh' }) });
 * Config.parse({}).model; // { hidden: [16], activation: 'tanh' }
 */
export function mlpConfigSchema(defaults: MlpDefaults) {
  return z.strictObject(mlpFields(defaults)).default({ hidden: [...defaults.hidden], activation: defaults.activation });
}
