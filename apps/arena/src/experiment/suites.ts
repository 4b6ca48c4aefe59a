import type { ExperimentInput } from './schema.js';

/**
 * Built-in suites. Budgets are in FLOPs so every strategy gets the same compute.
 * `quick` is sized to finish in about two minutes on a 2-core machine.
 */
export const suites: Readonly<Record<string, ExperimentInput>> = {
  quick: {
    name: 'quick',
    description: 'XOR, spirals and circles × backprop, evolution, NEAT and memetic trainers × 5 seeds, equal FLOPs per task.',
    tasks: [
      // XOR is solved or not: stop at 100 % and compare the cost of getting there (NEAT paper style).
      { id: 'xor', budget: { flops: 2e6, target: { metric: 'accuracy', value: 1 } } },
      { id: 'spirals', budget: { flops: 2e7 }, target: { metric: 'accuracy', value: 0.9 } },
      { id: 'circles', budget: { flops: 1e7 }, target: { metric: 'accuracy', value: 0.95 } },
    ],
    // One hidden layer of 16 tanh units for every fixed-topology trainer, so only the training strategy differs.
    trainers: [
      { id: 'adam', config: { hidden: [16], optimizer: { name: 'adam', learningRate: 0.01 } } },
      { id: 'sgd', config: { hidden: [16], optimizer: { name: 'sgd', learningRate: 0.1 } } },
      'openai-es',
      'cma-es',
      'ga',
      'neat',
      'memetic',
    ],
    seeds: 5,
    budget: { flops: 1e7 },
  },
  'neat-paper': {
    name: 'neat-paper',
    description: 'NEAT on XOR and double pole balancing (Stanley & Miikkulainen 2002, §4), against CMA-ES and GA.',
    tasks: ['xor', 'double-pole', 'double-pole-no-velocity'],
    trainers: ['neat', 'cma-es', 'ga'],
    seeds: 10,
    budget: { evaluations: 1e6 },
  },
  mnist: {
    name: 'mnist',
    description: 'MNIST classification: backprop against evolution at equal FLOPs.',
    tasks: ['mnist'],
    trainers: ['adam', 'sgd', 'openai-es', 'memetic'],
    seeds: 3,
    budget: { flops: 5e11 },
  },
  transfer: {
    name: 'transfer',
    description: 'Split-MNIST: learning a second task after the first, with and without transfer.',
    tasks: ['split-mnist'],
    trainers: ['adam', 'fine-tune', 'openai-es'],
    seeds: 3,
    budget: { flops: 3e11 },
  },
};

export const suiteNames = Object.keys(suites);
