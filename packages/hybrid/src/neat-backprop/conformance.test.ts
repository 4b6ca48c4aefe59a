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

// Compaction from generation 3: the last steps of the 6-generation budget shrink the best network,
// so resuming and the budget caps are checked across the switch from NEAT to compaction.
describeTrainerConformance(
  'neat-backprop with compaction',
  () =>
    new NeatBackpropTrainer({
      neat: { populationSize: 20 },
      refinement: { steps: 5, optimizer: { name: 'adam', learningRate: 0.1 } },
      compaction: { startGeneration: 3, steps: 10, trials: 2 },
    }),
  {
    budgets: ['evaluations', 'gradientSteps', 'generations', 'flops'],
    kinds: neatModelKinds,
    budget: { generations: 6 },
  },
);
