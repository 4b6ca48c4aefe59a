import type { StrategyId } from './config.js';

/** How a strategy is shown: its name, its colour in the charts and one sentence on what it does. */
export type StrategyLabel = Readonly<{ label: string; color: string; about: string }>;

/** Every strategy's label, by id (kept apart from the trainers so the page's own bundle stays small). */
export const labels: Readonly<Record<StrategyId, StrategyLabel>> = {
  adam: { label: 'Adam', color: '#1f77b4', about: 'backpropagation, Adam (lr 0.03, batches of 16)' },
  sgd: { label: 'SGD + momentum', color: '#17becf', about: 'backpropagation, SGD with momentum 0.9 (lr 0.05, batches of 16)' },
  'cma-es': { label: 'CMA-ES', color: '#d62728', about: 'covariance matrix adaptation evolution strategy over all weights' },
  'openai-es': {
    label: 'OpenAI-ES',
    color: '#ff7f0e',
    about: 'OpenAI evolution strategy (antithetic sampling, Adam on the estimated gradient)',
  },
  ga: { label: 'GA', color: '#8c564b', about: 'real-coded genetic algorithm' },
  neat: { label: 'NEAT', color: '#2ca02c', about: 'NEAT: grows its own topology from no hidden nodes (the network settings do not apply)' },
  memetic: { label: 'Memetic', color: '#9467bd', about: 'memetic: a GA whose candidates each take 10 Adam steps (Lamarckian)' },
};
