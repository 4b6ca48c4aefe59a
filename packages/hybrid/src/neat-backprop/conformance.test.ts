import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { neatModelKinds } from '@evoprop/evolution/neat';
import { NeatBackpropTrainer } from './neat-backprop-trainer.js';

describeTrainerConformance(
  'neat-backprop (Lamarckian)',
  () => new NeatBackpropTrainer({ neat: { populationSize: 30 }, refinement: { steps: 5, optimizer: { name: 'adam', learningRate: 0.1 } } }),
  {
    budgets: ['evaluations', 'gradientSteps', 'generations', 'flops', 'wallSeconds', 'target'],
    kinds: neatModelKinds,
    // A generation is 30 genomes × (5 refinement batches + 1 fitness batch) of 4 rows, 150 gradient
    // steps: caps that let two in and are not multiples of one.
    caps: { evaluations: 1603, gradientSteps: 317 },
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
    caps: { evaluations: 1603, gradientSteps: 317 },
    budget: { generations: 6 },
  },
);
