import { mlpFields, parseConfig } from '@evoprop/core/config';
import { z } from 'zod';
import { type DeprecatedPolicyKeys, policyConfig } from '../agent/config.js';

/**
 * REINFORCE's settings. The RL Zoo's `hyperparams/reinforce.yml` (CartPole-v1: n_timesteps 1e5,
 * Monte-Carlo critic, "discount" gradient) names the method but no step sizes; these defaults
 * are SB3's policy defaults (64-64 tanh, separate value network, Adam) with γ = 0.99.
 */
export const ReinforceConfig = policyConfig({
  ...mlpFields({ hidden: [64, 64], activation: 'tanh' }),
  /** Whole episodes per update, run side by side, an integer > 0. Default 8. */
  episodes: z.number().int().positive().default(8).meta({ unit: 'episodes per update' }),
  /** Discount γ, in [0, 1]. Default 0.99. */
  gamma: z.number().min(0).max(1).default(0.99).meta({ unit: 'discount per step' }),
  /** Adam's learning rate, > 0. Default 0.003. */
  learningRate: z.number().positive().default(3e-3).meta({ unit: 'per gradient step' }),
  /** Weight of the baseline's squared error, ≥ 0. Default 0.5. */
  valueCoefficient: z.number().min(0).default(0.5).meta({ unit: 'coefficient' }),
  /** Weight of the entropy bonus, ≥ 0. Default 0. */
  entropyCoefficient: z.number().min(0).default(0).meta({ unit: 'coefficient' }),
  /** Global gradient-norm clip, > 0. Default 1. */
  maxGradNorm: z.number().positive().default(1).meta({ unit: 'gradient units' }),
  /** Standardise the advantages (return minus baseline) of each update. Default true. */
  normalizeAdvantages: z.boolean().default(true),
});

/** REINFORCE settings as written by a user: every key optional. */
export type ReinforceConfigInput = z.input<typeof ReinforceConfig> & DeprecatedPolicyKeys;
/** REINFORCE settings with every default filled in. */
export type ReinforceSettings = z.output<typeof ReinforceConfig>;

/** Parse a REINFORCE config: unknown keys rejected with the closest valid one, every bad value named. */
export const parseReinforceConfig = (config: unknown, where = 'reinforce config'): ReinforceSettings =>
  parseConfig(ReinforceConfig, config, where);
