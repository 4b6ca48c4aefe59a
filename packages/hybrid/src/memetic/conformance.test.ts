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
  // A generation is 6 candidates × 2 refinement steps: the gradient-step cap lets two in (24 of 29).
  { budgets: ['evaluations', 'gradientSteps', 'generations', 'flops', 'wallSeconds', 'target'], caps: { gradientSteps: 29 } },
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
