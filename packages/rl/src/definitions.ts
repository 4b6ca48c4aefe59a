import type { SearchSpaceInput } from '@evoprop/core/config';
import { type TrainerDefinition, defineTrainer } from '@evoprop/core/registry';
import { PpoConfig } from './ppo/config.js';
import { PpoTrainer } from './ppo/ppo-trainer.js';
import { ReinforceConfig } from './reinforce/config.js';
import { ReinforceTrainer } from './reinforce/reinforce-trainer.js';

/**
 * What tuning searches for PPO: the hyperparameters the RL Zoo's Optuna sampler tunes
 * (rl-baselines3-zoo, `rl_zoo3/hyperparams_opt.py`, `sample_ppo_params`), over ranges around its
 * tuned CartPole-v1 defaults that fit our step budgets (n_steps up to 256 per environment).
 * Choices, as the Zoo's sampler, where only a few values are worth a trial.
 */
const ppoSpace = {
  /** Adam's step size, log-uniform over two decades around the default 1e-3. */
  learningRate: { scale: 'log', low: 1e-4, high: 1e-2 },
  /** Steps per environment per rollout (n_steps). */
  steps: { scale: 'choice', values: [16, 32, 64, 128, 256] },
  /** Samples per minibatch (clamped to the rollout's size). */
  batchSize: { scale: 'choice', values: [32, 64, 128, 256] },
  /** Passes over each rollout (n_epochs). */
  epochs: { scale: 'choice', values: [1, 5, 10, 20] },
  /** Discount γ. */
  gamma: { scale: 'choice', values: [0.95, 0.98, 0.99, 0.995, 0.999] },
  /** GAE λ. */
  gaeLambda: { scale: 'choice', values: [0.8, 0.9, 0.95, 0.98, 1] },
  /** Clipping ε of the surrogate objective. */
  clipRange: { scale: 'choice', values: [0.1, 0.2, 0.3] },
  /** Weight of the entropy bonus (ent_coef; the Zoo samples it log-uniform, 0 is the default). */
  entropyCoefficient: { scale: 'choice', values: [0, 1e-4, 1e-3, 1e-2] },
} as const satisfies SearchSpaceInput;

/**
 * What tuning searches for REINFORCE: the step size, how many whole episodes make one update, the
 * discount and the entropy bonus (the Zoo's `reinforce.yml` fixes none of them; ranges as PPO's).
 */
const reinforceSpace = {
  /** Adam's step size, log-uniform over two decades around the default 3e-3. */
  learningRate: { scale: 'log', low: 3e-4, high: 3e-2 },
  /** Whole episodes per update. */
  episodes: { scale: 'choice', values: [4, 8, 16, 32] },
  /** Discount γ. */
  gamma: { scale: 'choice', values: [0.95, 0.98, 0.99, 0.995, 0.999] },
  /** Weight of the entropy bonus. */
  entropyCoefficient: { scale: 'choice', values: [0, 1e-4, 1e-3, 1e-2] },
} as const satisfies SearchSpaceInput;

/** PPO (clipped surrogate, GAE(λ), separate critic), registered as `'ppo'`. */
export const ppoTrainer: TrainerDefinition<typeof PpoConfig> = defineTrainer({
  id: 'ppo',
  description:
    'Proximal policy optimisation (Schulman et al. 2017) on control tasks: clipped surrogate, GAE(λ), value network, entropy bonus, epochs of minibatches; RL Zoo CartPole-v1 defaults.',
  configSchema: PpoConfig,
  searchSpace: ppoSpace,
  create: (config) => new PpoTrainer(config, 'ppo'),
});

/** REINFORCE with a learned baseline, registered as `'reinforce'`. */
export const reinforceTrainer: TrainerDefinition<typeof ReinforceConfig> = defineTrainer({
  id: 'reinforce',
  description:
    'REINFORCE (Williams 1992) with a learned value baseline on control tasks: whole episodes per update, one gradient step each.',
  configSchema: ReinforceConfig,
  searchSpace: reinforceSpace,
  create: (config) => new ReinforceTrainer(config, 'reinforce'),
});

/** The trainers this package registers, as an explicit list for `createRegistry`. */
export const rlTrainers = [ppoTrainer, reinforceTrainer] as const;
