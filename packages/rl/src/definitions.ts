import { type TrainerDefinition, defineTrainer } from '@evoprop/core';
import { PpoConfig } from './ppo/config.js';
import { PpoTrainer } from './ppo/ppo-trainer.js';
import { ReinforceConfig } from './reinforce/config.js';
import { ReinforceTrainer } from './reinforce/reinforce-trainer.js';

/** PPO (clipped surrogate, GAE(λ), separate critic), registered as `'ppo'`. */
export const ppoTrainer: TrainerDefinition<typeof PpoConfig> = defineTrainer({
  id: 'ppo',
  description:
    'Proximal policy optimisation (Schulman et al. 2017) on control tasks: clipped surrogate, GAE(λ), value network, entropy bonus, epochs of minibatches; RL Zoo CartPole-v1 defaults.',
  configSchema: PpoConfig,
  create: (config) => new PpoTrainer(config, 'ppo'),
});

/** REINFORCE with a learned baseline, registered as `'reinforce'`. */
export const reinforceTrainer: TrainerDefinition<typeof ReinforceConfig> = defineTrainer({
  id: 'reinforce',
  description:
    'REINFORCE (Williams 1992) with a learned value baseline on control tasks: whole episodes per update, one gradient step each.',
  configSchema: ReinforceConfig,
  create: (config) => new ReinforceTrainer(config, 'reinforce'),
});

/** The trainers this package registers, as an explicit list for `createRegistry`. */
export const rlTrainers = [ppoTrainer, reinforceTrainer] as const;
