import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { PbtTrainer } from './pbt-trainer.js';

describeTrainerConformance(
  'pbt (sgd, lr/wd/momentum searched)',
  () =>
    new PbtTrainer({
      populationSize: 4,
      interval: 2,
      model: { hidden: [4], activation: 'tanh' },
      search: { learningRate: { min: 0.05, max: 0.5, log: true } },
    }),
  { budgets: ['evaluations', 'gradientSteps', 'flops', 'wallSeconds', 'target'] },
);

describeTrainerConformance(
  'pbt (adam, dropout and batch size searched)',
  () =>
    new PbtTrainer({
      populationSize: 4,
      interval: 1,
      optimizer: 'adam',
      model: { hidden: [4], activation: 'tanh' },
      search: { learningRate: { min: 0.01, max: 0.1 }, dropout: { min: 0, max: 0.3 }, batchSize: { min: 2, max: 4 } },
    }),
  { budgets: ['evaluations', 'gradientSteps'] },
);
