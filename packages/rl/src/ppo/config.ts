import { mlpFields, parseConfig } from '@evoprop/core/config';
import { z } from 'zod';
import { type DeprecatedPolicyKeys, policyConfig } from '../agent/config.js';

/**
 * PPO's settings. Defaults are the RL Zoo's tuned hyperparameters for CartPole-v1
 * (rl-baselines3-zoo, `hyperparams/ppo.yml`: n_envs 8, n_steps 32, batch_size 256,
 * gae_lambda 0.8, gamma 0.98, n_epochs 20, ent_coef 0.0, learning_rate lin_0.001,
 * clip_range lin_0.2) and SB3's PPO defaults for the rest (vf_coef 0.5, max_grad_norm 0.5,
 * normalize_advantage true, net_arch 64-64 tanh with separate policy and value networks).
 */
export const PpoConfig = policyConfig({
  ...mlpFields({ hidden: [64, 64], activation: 'tanh' }),
  /** Environments stepped together (SB3's n_envs), an integer > 0. Default 8. */
  envs: z.number().int().positive().default(8).meta({ unit: 'environments' }),
  /** Steps per environment per rollout (n_steps), an integer > 0. Default 32: 256 environment steps per update. */
  steps: z.number().int().positive().default(32).meta({ unit: 'environment steps per environment' }),
  /** Samples per minibatch (batch_size), an integer > 0. Default 256. */
  batchSize: z.number().int().positive().default(256).meta({ unit: 'samples' }),
  /** Passes over each rollout (n_epochs), an integer > 0. Default 20. */
  epochs: z.number().int().positive().default(20).meta({ unit: 'passes per rollout' }),
  /** Discount γ, in [0, 1]. Default 0.98. */
  gamma: z.number().min(0).max(1).default(0.98).meta({ unit: 'discount per step' }),
  /** GAE λ, in [0, 1]. Default 0.8. */
  gaeLambda: z.number().min(0).max(1).default(0.8).meta({ unit: 'coefficient' }),
  /** Adam's learning rate, > 0. Default 0.001. */
  learningRate: z.number().positive().default(1e-3).meta({ unit: 'per gradient step' }),
  /** Clipping ε of the surrogate objective, > 0. Default 0.2. */
  clipRange: z.number().positive().default(0.2).meta({ unit: 'probability ratio' }),
  /**
   * 'linear': the learning rate and clip range fall linearly to 0 over the `evaluations` budget
   * (the Zoo's `lin_` schedules; constant when the budget caps no environment steps); 'none': constant. Default 'linear'.
   */
  anneal: z.enum(['linear', 'none']).default('linear'),
  /** Weight of the entropy bonus (ent_coef), ≥ 0. Default 0. */
  entropyCoefficient: z.number().min(0).default(0).meta({ unit: 'coefficient' }),
  /** Weight of the value loss (vf_coef), ≥ 0. Default 0.5. */
  valueCoefficient: z.number().min(0).default(0.5).meta({ unit: 'coefficient' }),
  /** Global gradient-norm clip (max_grad_norm), > 0. Default 0.5. */
  maxGradNorm: z.number().positive().default(0.5).meta({ unit: 'gradient units' }),
  /** Standardise advantages per minibatch. Default true. */
  normalizeAdvantages: z.boolean().default(true),
  /**
   * Scale rewards by the running standard deviation of the discounted return, clipped to ±10
   * (VecNormalize's norm_reward, the other half of the RL Zoo's `normalize: true`); training
   * only: `return` and `train.return` stay undiscounted raw returns. Default false.
   */
  normalizeRewards: z.boolean().default(false),
  /**
   * Explore with generalised state-dependent exploration (gSDE, Raffin et al. 2022; SB3's `use_sde`)
   * instead of independent Gaussian noise per step: the noise is the policy's last hidden features
   * times a matrix drawn from N(0, σ²), log σ a learned `[latent, actions]` matrix. Continuous actions only. Default false.
   */
  useSde: z.boolean().default(false),
  /** Steps between fresh gSDE matrices in each rollout (SB3's `sde_sample_freq`), an integer ≥ 0; 0: once per rollout. Default 0. */
  sdeSampleFrequency: z.number().int().min(0).default(0).meta({ unit: 'environment steps' }),
});

/** PPO settings as written by a user: every key optional. */
export type PpoConfigInput = z.input<typeof PpoConfig> & DeprecatedPolicyKeys;
/** PPO settings with every default filled in. */
export type PpoSettings = z.output<typeof PpoConfig>;

/** Parse a PPO config: unknown keys rejected with the closest valid one, every bad value named. */
export const parsePpoConfig = (config: unknown, where = 'ppo config'): PpoSettings => parseConfig(PpoConfig, config, where);
