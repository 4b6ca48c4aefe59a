import { sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { EvolutionTrainer } from '@evoprop/evolution';
import { Rng } from '@evoprop/tensor';
import { TransferTrainer } from './transfer-trainer.js';

/** A small "pretrained" base for the XOR reference task (any weights do for the contract). */
const base = () =>
  sequential([dense(8, { activation: 'tanh' }), dense(8, { activation: 'tanh' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(11) });
const all = ['epochs', 'gradientSteps', 'evaluations', 'flops', 'wallSeconds', 'target'] as const;

describeTrainerConformance(
  'transfer (fine-tune, L2-SP, gradual unfreezing)',
  () =>
    new TransferTrainer(
      {
        regularizer: { type: 'l2-sp', alpha: 0.001, beta: 0.001 },
        trainer: {
          id: 'fine-tune',
          config: { optimizer: { name: 'adam', learningRate: 0.05 }, batchSize: 2, warmupSteps: 2, unfreeze: { every: 3, unit: 'steps' } },
        },
      },
      { base: base() },
    ),
  { budgets: all },
);

describeTrainerConformance(
  'transfer (frozen trunk, cached features, adam)',
  () =>
    new TransferTrainer(
      {
        freezeTrunk: true,
        trainer: { id: 'adam', config: { optimizer: { name: 'adam', learningRate: 0.05 }, batchSize: 2, diagnostics: false } },
      },
      { base: base() },
    ),
  { budgets: all },
);

describeTrainerConformance(
  'transfer (frozen trunk, sep-CMA-ES on the head)',
  () =>
    new TransferTrainer(
      { freezeTrunk: true, featureCache: false },
      { base: base(), trainer: new EvolutionTrainer({ strategy: 'sepCmaEs', strategyConfig: { sigma: 0.5 } }) },
    ),
  { budgets: ['generations', 'evaluations', 'wallSeconds'] },
);
