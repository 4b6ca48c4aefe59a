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
      { id: 'spirals', budget: { flops: 2e8 }, target: { metric: 'accuracy', value: 0.9 } },
      { id: 'circles', budget: { flops: 5e7 }, target: { metric: 'accuracy', value: 0.95 } },
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
    description:
      'NEAT on XOR and double pole balancing with and without velocities (Stanley & Miikkulainen 2002, §4–5), against CMA-ES and GA at equal evaluations.',
    tasks: [
      // XOR: 150 genomes × 100 generations × 4 patterns; the paper's NEAT needs 4,755 networks on average (p. 112).
      { id: 'xor', budget: { evaluations: 6e4, target: { metric: 'accuracy', value: 1 } } },
      // Evaluations of control tasks are simulation steps.
      { id: 'double-pole', budget: { evaluations: 2e7 } },
      { id: 'double-pole-nv', budget: { evaluations: 5e7 } },
    ],
    trainers: ['neat', 'cma-es', 'ga'],
    seeds: 10,
    budget: { evaluations: 2e7 },
  },
  mnist: {
    name: 'mnist',
    description: 'MNIST (10k training images): backprop against evolution and memetic training at equal FLOPs.',
    tasks: [{ id: 'mnist', options: { trainSize: 10000 }, target: { metric: 'accuracy', value: 0.95 } }],
    trainers: ['adam', 'sgd', 'openai-es', 'sep-cma-es', 'memetic'],
    seeds: 3,
    budget: { flops: 2e11 },
  },
  transfer: {
    name: 'transfer',
    description: 'Split-MNIST: digits 5–9 from scratch, or from the shipped 0–4 convolutional base (mnist04-conv) with a new head.',
    tasks: [
      {
        id: 'split-mnist',
        options: { digits: [5, 6, 7, 8, 9], layout: 'image', trainSize: 5000 },
        target: { metric: 'accuracy', value: 0.95 },
      },
    ],
    trainers: [
      { id: 'adam', label: 'scratch' },
      { id: 'adam', label: 'fine-tune-head', start: { pretrained: 'mnist04-conv', freeze: ['conv*', 'fc.*'] } },
      { id: 'adam', label: 'fine-tune-all', start: { pretrained: 'mnist04-conv' } },
      // 325 head weights are few enough for evolution to search directly.
      { id: 'sep-cma-es', label: 'evolve-head', start: { pretrained: 'mnist04-conv', freeze: ['conv*', 'fc.*'] } },
    ],
    seeds: 3,
    budget: { flops: 5e10 },
  },
};

export const suiteNames = Object.keys(suites);
