import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { BackpropTrainer } from './backprop-trainer.js';

describeTrainerConformance(
  'backprop (adam, full batch)',
  () => new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.05 }, hidden: [8] }),
  {
    budgets: ['gradientSteps', 'epochs', 'evaluations', 'flops', 'wallSeconds', 'target'],
  },
);

describeTrainerConformance(
  'backprop (sgd, mini-batch 3, early stopping, plateau, cosine schedule)',
  () =>
    new BackpropTrainer({
      optimizer: { name: 'momentum', learningRate: 0.1 },
      batchSize: 3,
      hidden: [8],
      activation: 'relu',
      schedule: { type: 'cosine', warmupSteps: 2, decaySteps: 100 },
      plateau: { patience: 2 },
      earlyStopping: { patience: 50, monitor: 'val.loss' },
      clipNorm: 5,
    }),
  { budgets: ['gradientSteps', 'epochs', 'evaluations', 'flops', 'wallSeconds', 'target'] },
);
