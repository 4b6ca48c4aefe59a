import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { MemeticTrainer } from './memetic-trainer.js';

const small = { hidden: [4], activation: 'tanh' as const };

describeTrainerConformance(
  'memetic (GA, Lamarckian)',
  () =>
    new MemeticTrainer({
      strategy: 'ga',
      inheritOptimizerState: true,
      strategyConfig: { populationSize: 6 },
      refinement: { steps: 2, optimizer: { name: 'adam', learningRate: 0.05 } },
      model: small,
    }),
  { budgets: ['evaluations', 'gradientSteps', 'generations', 'flops', 'target'] },
);

describeTrainerConformance(
  'memetic (CMA-ES, Baldwinian)',
  () =>
    new MemeticTrainer({
      strategy: 'cmaEs',
      mode: 'baldwinian',
      strategyConfig: { populationSize: 6 },
      refinement: { steps: 2 },
      model: small,
    }),
  { budgets: ['evaluations', 'generations'] },
);
