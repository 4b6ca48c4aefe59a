import { deprecatedKeys, mlpFields, parseConfig } from '@evoprop/core';
import { z } from 'zod';

/**
 * REINFORCE's settings. The RL Zoo's `hyperparams/reinforce.yml` (CartPole-v1: n_timesteps 1e5,
 * Monte-Carlo critic, "discount" gradient) names the method but no step sizes; these defaults
 * are SB3's policy defaults (64-64 tanh, separate value network, Adam) with γ = 0.99.
 */
export const ReinforceConfig = deprecatedKeys(
  z.strictObject({
    ...mlpFields({ hidden: [64, 64], activation: 'tanh' }),
    /** Whole episodes per update, run side by side, an integer > 0. Default 8. */
    episodes: z.number().int().positive().default(8),
    /** Discount γ, in [0, 1]. Default 0.99. */
    gamma: z.number().min(0).max(1).default(0.99),
    /** Adam's learning rate, > 0. Default 0.003. */
    learningRate: z.number().positive().default(3e-3),
    /** Weight of the baseline's squared error, ≥ 0. Default 0.5. */
    valueCoefficient: z.number().min(0).default(0.5),
    /** Weight of the entropy bonus, ≥ 0. Default 0. */
    entropyCoefficient: z.number().min(0).default(0),
    /** Global gradient-norm clip, > 0. Default 1. */
    maxGradNorm: z.number().positive().default(1),
    /** Standardise the advantages (return minus baseline) of each update. Default true. */
    normalizeAdvantages: z.boolean().default(true),
    /** Normalise observations by running mean and variance; folded into the returned policy. Default false. */
    normalizeObservations: z.boolean().default(false),
    /** Initial log σ of Gaussian actions (continuous tasks). Default 0. */
    logStdInit: z.number().default(0),
    /** Held-out episodes of the greedy policy behind the `return` metric, an integer > 0. Default 10. */
    evaluationEpisodes: z.number().int().positive().default(10),
    /** Updates between held-out evaluations, an integer > 0. Default 1. Formerly `evaluateEvery`. */
    validateEvery: z.number().int().positive().default(1),
  }),
  { evaluateEvery: 'validateEvery' },
);

/** REINFORCE settings as written by a user: every key optional. */
export type ReinforceConfigInput = z.input<typeof ReinforceConfig> & {
  /** @deprecated The old name of `validateEvery` (still accepted, with a deprecation warning). */
  readonly evaluateEvery?: number;
};
/** REINFORCE settings with every default filled in. */
export type ReinforceSettings = z.output<typeof ReinforceConfig>;

/** Parse a REINFORCE config: unknown keys rejected with the closest valid one, every bad value named. */
export const parseReinforceConfig = (config: unknown, where = 'reinforce config'): ReinforceSettings =>
  parseConfig(ReinforceConfig, config, where);
