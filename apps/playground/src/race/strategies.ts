/**
 * The strategies a race can include: each builds its trainer from the race's network settings,
 * with defaults tuned for small 2-D problems, and says how often the page looks at its model
 * (every `every` steps of the trainer: minibatches for gradient descent, generations otherwise).
 */
import { BackpropTrainer } from '@evoprop/backprop';
import type { Trainer } from '@evoprop/core';
import { EvolutionTrainer } from '@evoprop/evolution';
import { NeatTrainer } from '@evoprop/evolution/neat';
import { MemeticTrainer } from '@evoprop/hybrid';
import type { RaceConfig, StrategyId } from './config.js';

/** How a strategy is built (its name and colour are in `labels.ts`, which the page loads without the trainers). */
export type StrategyEntry = Readonly<{
  /** Trainer steps between two looks at the model (decision boundary, metrics, target check). */
  every: number;
  /** Its trainer for this race. */
  make: (config: RaceConfig) => Trainer;
}>;

const mlp = (config: RaceConfig) => ({ hidden: [...config.hidden], activation: config.activation });

/** Every strategy by id. */
export const strategies: Readonly<Record<StrategyId, StrategyEntry>> = {
  adam: {
    every: 5,
    make: (c) => new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.03 }, batchSize: 16, ...mlp(c) }),
  },
  sgd: {
    every: 5,
    make: (c) => new BackpropTrainer({ optimizer: { name: 'momentum', learningRate: 0.05 }, batchSize: 16, ...mlp(c) }),
  },
  'cma-es': {
    every: 1,
    make: (c) => new EvolutionTrainer({ strategy: 'cmaEs', model: mlp(c) }),
  },
  'openai-es': {
    every: 1,
    make: (c) => new EvolutionTrainer({ strategy: 'openAiEs', model: mlp(c) }),
  },
  ga: {
    every: 1,
    make: (c) => new EvolutionTrainer({ strategy: 'ga', model: mlp(c) }),
  },
  neat: {
    every: 1,
    make: () => new NeatTrainer({ neat: { populationSize: 100, mutation: { addNodeProbability: 0.05, addConnectionProbability: 0.2 } } }),
  },
  memetic: {
    every: 1,
    make: (c) =>
      new MemeticTrainer({
        strategy: 'ga',
        strategyConfig: { populationSize: 8 },
        mode: 'lamarckian',
        refinement: { steps: 10, optimizer: { name: 'adam', learningRate: 0.05 } },
        model: mlp(c),
      }),
  },
};
