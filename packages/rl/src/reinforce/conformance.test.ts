import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { nanRewardTask, shortCartPole, shortContinuousCartPole } from '../testing-fixtures/tasks.js';
import { ReinforceTrainer } from './reinforce-trainer.js';

const small = { episodes: 3, hidden: [8], evaluationEpisodes: 2 };

describeTrainerConformance('REINFORCE (discrete cart-pole)', () => new ReinforceTrainer(small), {
  task: () => shortCartPole(),
  budgets: ['evaluations', 'gradientSteps', 'flops', 'wallSeconds', 'target'],
  caps: { evaluations: 200, gradientSteps: 4, flops: 500_000 },
  target: { metric: 'return', value: 15 },
  targetBackstop: { evaluations: 20_000 },
  diverging: () => ({ task: nanRewardTask() }),
});

describeTrainerConformance(
  'REINFORCE (continuous cart-pole, observation normalisation)',
  () => new ReinforceTrainer({ ...small, normalizeObservations: true, logStdInit: -1 }),
  {
    task: () => shortContinuousCartPole(),
    budgets: ['evaluations', 'gradientSteps'],
    caps: { evaluations: 200, gradientSteps: 4 },
    diverging: () => ({ task: nanRewardTask() }),
  },
);
