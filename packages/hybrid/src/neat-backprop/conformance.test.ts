import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { neatModelKinds } from '@evoprop/evolution';
import { NeatBackpropTrainer } from './neat-backprop-trainer.js';

describeTrainerConformance(
  'neat-backprop (Lamarckian)',
  () => new NeatBackpropTrainer({ neat: { populationSize: 30 }, refinement: { steps: 5, optimizer: { name: 'adam', learningRate: 0.1 } } }),
  {
    budgets: ['evaluations', 'gradientSteps', 'generations', 'flops', 'target'],
    kinds: neatModelKinds,
    targetBackstop: { generations: 200 },
    budget: { generations: 5 },
  },
);
