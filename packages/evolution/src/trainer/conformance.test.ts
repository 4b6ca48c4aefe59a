import { sphereTask } from '@evoprop/core/testing';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { EvolutionTrainer } from './evolution-trainer.js';
import { vectorModelKinds } from './vector-model.js';

describeTrainerConformance(
  'EvolutionTrainer (OpenAI-ES, XOR)',
  () =>
    new EvolutionTrainer({
      strategy: 'openAiEs',
      model: { hidden: [4] },
      strategyConfig: { populationSize: 10, sigma: 0.2, optimizer: { name: 'adam', learningRate: 0.1 } },
    }),
  {
    budgets: ['generations', 'evaluations', 'flops', 'wallSeconds', 'target'],
    targetBackstop: { generations: 500 },
  },
);

describeTrainerConformance(
  'EvolutionTrainer (CMA-ES, XOR)',
  () => new EvolutionTrainer({ strategy: 'cmaEs', model: { hidden: [4] }, strategyConfig: { sigma: 0.5 } }),
  {
    budgets: ['generations', 'evaluations', 'flops', 'wallSeconds', 'target'],
    targetBackstop: { generations: 500 },
  },
);

describeTrainerConformance(
  'EvolutionTrainer (GA, sphere objective)',
  () => new EvolutionTrainer({ strategy: 'ga', strategyConfig: { populationSize: 12 } }),
  {
    task: () => sphereTask(4),
    budgets: ['generations', 'evaluations', 'flops', 'wallSeconds', 'target'],
    target: { metric: 'objective', value: 0.5, direction: 'min' },
    targetBackstop: { generations: 500 },
    kinds: vectorModelKinds,
  },
);

describeTrainerConformance(
  'EvolutionTrainer (deep GA, sphere objective)',
  () => new EvolutionTrainer({ strategy: 'deepGa', strategyConfig: { populationSize: 12, truncation: 4, sigma: 0.1 } }),
  {
    task: () => sphereTask(4),
    budgets: ['generations', 'evaluations', 'flops', 'wallSeconds', 'target'],
    target: { metric: 'objective', value: 0.5, direction: 'min' },
    targetBackstop: { generations: 500 },
    kinds: vectorModelKinds,
  },
);
