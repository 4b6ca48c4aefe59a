// Both policy-gradient trainers through the shared conformance kit, discrete and continuous cart-pole.
import type { Trainer } from '@evoprop/core';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { PpoTrainer } from './ppo/ppo-trainer.js';
import { ReinforceTrainer } from './reinforce/reinforce-trainer.js';
import { nanRewardTask, shortCartPole, shortContinuousCartPole } from './testing-fixtures/tasks.js';

const trainers: readonly Readonly<{
  name: string;
  make: (config: Record<string, unknown>) => Trainer;
  small: Record<string, unknown>;
  gradientSteps: number;
  flops: number;
  target: number;
}>[] = [
  {
    name: 'PPO',
    make: (config) => new PpoTrainer(config),
    small: { envs: 2, steps: 16, batchSize: 16, epochs: 2, hidden: [8], evaluationEpisodes: 2 },
    gradientSteps: 6,
    flops: 2_000_000,
    target: 12,
  },
  {
    name: 'REINFORCE',
    make: (config) => new ReinforceTrainer(config),
    small: { episodes: 3, hidden: [8], evaluationEpisodes: 2 },
    gradientSteps: 4,
    flops: 500_000,
    target: 15,
  },
];

for (const t of trainers) {
  describeTrainerConformance(`${t.name} (discrete cart-pole)`, () => t.make(t.small), {
    task: () => shortCartPole(),
    budgets: ['evaluations', 'gradientSteps', 'flops', 'wallSeconds', 'target'],
    caps: { evaluations: 200, gradientSteps: t.gradientSteps, flops: t.flops },
    target: { metric: 'return', value: t.target },
    targetBackstop: { evaluations: 20_000 },
    diverging: () => ({ task: nanRewardTask() }),
  });

  describeTrainerConformance(
    `${t.name} (continuous cart-pole, observation normalisation)`,
    () => t.make({ ...t.small, normalizeObservations: true, logStdInit: -1 }),
    {
      task: () => shortContinuousCartPole(),
      budgets: ['evaluations', 'gradientSteps'],
      caps: { evaluations: 200, gradientSteps: t.gradientSteps },
      diverging: () => ({ task: nanRewardTask() }),
    },
  );
}

// Reward scaling and gSDE are PPO's alone (REINFORCE learns from whole-episode returns and explores per step).
describeTrainerConformance(
  'PPO (continuous cart-pole, observation and reward normalisation, gSDE)',
  () =>
    new PpoTrainer({
      ...trainers[0].small,
      normalizeObservations: true,
      normalizeRewards: true,
      logStdInit: -1,
      useSde: true,
      sdeSampleFrequency: 4,
    }),
  {
    task: () => shortContinuousCartPole(),
    budgets: ['evaluations', 'gradientSteps'],
    caps: { evaluations: 200, gradientSteps: 6 },
    diverging: () => ({ task: nanRewardTask(7, shortContinuousCartPole()) }),
  },
);
