import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { nanRewardTask, shortCartPole, shortContinuousCartPole } from '../testing-fixtures/tasks.js';
import { PpoTrainer } from './ppo-trainer.js';

const small = { envs: 2, steps: 16, batchSize: 16, epochs: 2, hidden: [8], evaluationEpisodes: 2 };

describeTrainerConformance('PPO (discrete cart-pole)', () => new PpoTrainer(small), {
  task: () => shortCartPole(),
  budgets: ['evaluations', 'gradientSteps', 'flops', 'wallSeconds', 'target'],
  caps: { evaluations: 200, gradientSteps: 6, flops: 2_000_000 },
  target: { metric: 'return', value: 12 },
  targetBackstop: { evaluations: 20_000 },
  diverging: () => ({ task: nanRewardTask() }),
});

describeTrainerConformance(
  'PPO (continuous cart-pole, observation normalisation)',
  () => new PpoTrainer({ ...small, normalizeObservations: true, logStdInit: -1 }),
  {
    task: () => shortContinuousCartPole(),
    budgets: ['evaluations', 'gradientSteps'],
    caps: { evaluations: 200, gradientSteps: 6 },
    diverging: () => ({ task: nanRewardTask() }),
  },
);
