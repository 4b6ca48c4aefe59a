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
    // Every fixed-topology trainer gets the task's recommended network (XOR 2-4-2, spirals 2-16-16-2,
    // circles 2-8-2), so only the training strategy differs.
    trainers: [
      { id: 'adam', config: { optimizer: { name: 'adam', learningRate: 0.01 } } },
      { id: 'sgd', config: { optimizer: { name: 'sgd', learningRate: 0.1 } } },
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
  control: {
    name: 'control',
    description:
      'Policy gradients (PPO, REINFORCE) against evolution (CMA-ES, OpenAI-ES, GA, NEAT) on classic control, at equal environment steps; scored by mean undiscounted return over fixed-seed episodes.',
    // Evaluations of control tasks are environment steps, the currency of the RL Zoo's timesteps and
    // of Salimans et al. (2017) / Gomez et al. (2008). Budgets: the Zoo's PPO timesteps (CartPole-v1
    // 1e5, Pendulum-v1 1e5), twice them for Acrobot-v1 at a tenth of the Zoo's 1e6, and the double-pole
    // budgets of the neat-paper suite scaled to 1,000-step episodes.
    tasks: [
      { id: 'cart-pole', budget: { evaluations: 1e5 }, target: { metric: 'return', value: 475 } },
      { id: 'acrobot', budget: { evaluations: 2e5 }, target: { metric: 'return', value: -100 } },
      { id: 'pendulum', budget: { evaluations: 2e5 }, target: { metric: 'return', value: -200 } },
      { id: 'double-pole', options: { maxSteps: 1000 }, budget: { evaluations: 1e6 }, target: { metric: 'return', value: 1000 } },
      { id: 'double-pole-nv', budget: { evaluations: 2e6 }, target: { metric: 'return', value: 1000 } },
    ],
    // One hidden layer of 16 tanh units for every fixed-topology trainer (the policy network; PPO and
    // REINFORCE also train a separate critic of the same shape), so only the strategy differs.
    trainers: [
      { id: 'ppo', config: { hidden: [16] } },
      { id: 'reinforce', config: { hidden: [16] } },
      { id: 'cma-es', config: { model: { hidden: [16] } } },
      { id: 'openai-es', config: { model: { hidden: [16] } } },
      { id: 'ga', config: { model: { hidden: [16] } } },
      'neat',
    ],
    seeds: 10,
    budget: { evaluations: 1e5 },
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
  text: {
    name: 'text',
    description:
      'Text, small versions: next-character prediction of 2,000 first names (tiny embedding → LSTM → dense, 2.3k weights) and spam vs ham on 1,000 SpamAssassin emails (TF-IDF of 500 words → 16 ReLU → 2) × backprop, evolution, memetic and PBT × 3 seeds, equal FLOPs.',
    tasks: [
      {
        id: 'names',
        label: 'names-2k',
        options: { samples: 2000 },
        // The task's own network for every trainer (NEAT grows its own, so it is not in this suite).
        model: {
          layers: [
            { type: 'embedding', inputDim: 29, outputDim: 8, paddingIndex: 0 },
            { type: 'lstm', units: 16, returnSequences: true },
            { type: 'dense', units: 29 },
          ],
        },
        budget: { flops: 1e9 },
      },
      {
        id: 'spam-assassin',
        label: 'spam-1k',
        options: { samples: 1000, vocabularySize: 500 },
        model: {
          layers: [
            { type: 'dense', units: 16, activation: 'relu' },
            { type: 'dense', units: 2 },
          ],
        },
        budget: { flops: 1e9 },
        target: { metric: 'accuracy', value: 0.95 },
      },
    ],
    trainers: [
      { id: 'adam', config: { optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 32 } },
      // Fitness on 32-sample minibatches: a full-batch generation of 50 names models costs more than the whole budget.
      { id: 'openai-es', config: { fitnessBatchSize: 32 } },
      { id: 'sep-cma-es', config: { fitnessBatchSize: 32 } },
      // Refinement and fitness on 32-sample batches: one full-batch candidate on names-2k costs 3.4e9 FLOPs.
      { id: 'memetic', config: { fitnessBatchSize: 32, refinement: { batchSize: 32 } } },
      'pbt',
    ],
    seeds: 3,
    budget: { flops: 1e9 },
  },
  bbob: {
    name: 'bbob',
    description:
      "COCO's BBOB functions (Hansen et al. 2009, INRIA RR-6829) f1 sphere, f2 ellipsoid, f3 Rastrigin, f8 Rosenbrock, f10 rotated ellipsoid and f11 discus at 10-D × CMA-ES, sep-CMA-ES, IPOP-CMA-ES, SNES, xNES, PGPE, OpenAI-ES and GA × 10 instances, equal evaluations (2·10⁴ = 2000·D), runs stop at f − f_opt ≤ 1e-8; ECDFs and ERT over COCO's 51 targets 1e2 … 1e-8.",
    tasks: [
      { id: 'bbob-sphere', label: 'sphere' },
      { id: 'bbob-ellipsoid', label: 'ellipsoid' },
      { id: 'bbob-rastrigin', label: 'rastrigin' },
      { id: 'bbob-rosenbrock', label: 'rosenbrock' },
      { id: 'bbob-ellipsoid-rotated', label: 'ellipsoid-rotated' },
      { id: 'bbob-discus', label: 'discus' },
    ],
    // Each trainer's defaults; σ₀ = 2 and the start uniform in [-4, 4]^10 come from the task (COCO's suggested initial region).
    // IPOP-CMA-ES restarts with doubling populations, the usual remedy for Rastrigin (Auger & Hansen 2005).
    trainers: ['cma-es', 'sep-cma-es', 'ipop-cma-es', 'snes', 'xnes', 'pgpe', 'openai-es', 'ga'],
    seeds: 10,
    // Stopping at COCO's final target saves time and changes no hitting time (the last target is reached by then).
    budget: { evaluations: 2e4, target: { metric: 'val.objective', value: 1e-8, direction: 'min' } },
    // COCO's published data (BBOB-2009) show CMA-ES ahead of a GA and of fixed-σ ES on ill-conditioned and valley functions; tested here.
    comparisons: [{ trainer: 'cma-es', against: ['ga', 'openai-es'], tasks: ['ellipsoid', 'ellipsoid-rotated', 'rosenbrock'] }],
  },
  neuroevolution: {
    name: 'neuroevolution',
    description:
      'Neuroevolution beyond NEAT (issue 27): CPPN-NEAT (Stanley 2007) against NEAT, HyperNEAT (Stanley, D’Ambrosio & Gauci 2009), the deep GA (Such et al. 2017), the GA and Adam on the picture task (pixel (x, y, d) → grey level; rings and circle, 16 × 16) and the visual discrimination task (11 × 11 retina, find the big box), equal FLOPs.',
    tasks: [
      // 150 NEAT generations of 150 genomes on the 154 training pixels fit in 3e8 FLOPs (bench/cppn-picture.ts).
      { id: 'picture', label: 'rings', options: { picture: 'rings' }, budget: { flops: 3e8 } },
      { id: 'picture', label: 'circle', options: { picture: 'circle' }, budget: { flops: 3e8 } },
      // One HyperNEAT genome on the paper's 75 trials costs about 2.5e6 FLOPs (121 × 121 weights
      // painted, then 75 forward passes): 1e10 FLOPs are about 27 generations of 150 CPPNs.
      { id: 'visual-discrimination', label: 'visual', budget: { flops: 1e10 } },
    ],
    // CPPN-NEAT is NEAT's 'cppn' preset (seven activations, drawn by add-node and mutated);
    // HyperNEAT lays its substrate out from the task (a 11 × 11 sheet to a 11 × 11 sheet on the
    // retina, a 3 → 1 row on the pictures); the fixed-topology trainers get the task's recommended network.
    trainers: [{ id: 'neat', label: 'cppn-neat', config: { preset: 'cppn' } }, 'neat', 'hyperneat', 'deep-ga', 'ga', 'adam'],
    seeds: 5,
    budget: { flops: 3e8 },
  },
  'neuroevolution-maze': {
    name: 'neuroevolution-maze',
    description:
      'Neuroevolution beyond NEAT, the deceptive half (issue 27): novelty search (Lehman & Stanley 2011) against fitness on the hard maze — NEAT, NEAT with novelty, OpenAI-ES, NS-ES (OpenAI-ES with novelty, Conti et al. 2018) and the deep GA with novelty, equal environment steps (one 400-step episode per evaluation).',
    // 20,000 episodes of 400 steps; the paper allows 250,000 episodes (bench/novelty-maze.ts runs that).
    tasks: [{ id: 'hard-maze', label: 'hard-maze', budget: { evaluations: 8e6 } }],
    trainers: [
      { id: 'neat', label: 'neat', config: { neat: { populationSize: 250, network: { recurrent: true } }, episodes: 1 } },
      {
        id: 'neat',
        label: 'novelty-neat',
        config: { neat: { populationSize: 250, network: { recurrent: true } }, episodes: 1, novelty: { k: 15, threshold: 6 } },
      },
      { id: 'openai-es', label: 'openai-es', config: { fitness: { episodes: 1 } } },
      { id: 'openai-es', label: 'ns-es', config: { fitness: { episodes: 1 }, novelty: { k: 10, threshold: 6 } } },
      { id: 'deep-ga', label: 'novelty-deep-ga', config: { fitness: { episodes: 1 }, novelty: { k: 15, threshold: 6 } } },
    ],
    seeds: 5,
    budget: { evaluations: 8e6 },
  },
  unsupervised: {
    name: 'unsupervised',
    description:
      'Unsupervised, small version: autoencoding points of a 2-D spiral arc through a 1-value code (2-16-1-16-2 tanh, the task recommendation) × backprop, CMA-ES, OpenAI-ES, GA, NEAT, memetic and PBT × 3 seeds, equal FLOPs; scored by test reconstruction mse.',
    tasks: [{ id: 'manifold-2d', budget: { flops: 2e8 } }],
    trainers: [
      { id: 'adam', config: { optimizer: { name: 'adam', learningRate: 0.03 }, batchSize: 60 } },
      'cma-es',
      'openai-es',
      'ga',
      'neat',
      'memetic',
      'pbt',
    ],
    seeds: 3,
    budget: { flops: 2e8 },
  },
};

export const suiteNames = Object.keys(suites);
