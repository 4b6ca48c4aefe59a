import { type TrainerDefinition, defineTrainer } from '@evoprop/core/registry';
import { memeticConfigSchema } from './memetic/config.js';
import { MemeticTrainer } from './memetic/memetic-trainer.js';
import { neatBackpropConfigSchema } from './neat-backprop/config.js';
import { NeatBackpropTrainer } from './neat-backprop/neat-backprop-trainer.js';
import { pbtConfigSchema } from './pbt/config.js';
import { PbtTrainer } from './pbt/pbt-trainer.js';

/** Memetic training: an ask/tell strategy of your choice, every candidate refined by k gradient steps. */
export const memeticTrainer: TrainerDefinition<typeof memeticConfigSchema> = defineTrainer({
  id: 'memetic',
  description:
    'Memetic training: a GA / CMA-ES / OpenAI-ES / SNES / PGPE population whose candidates are refined by k gradient steps (any optimizer) before evaluation; Lamarckian or Baldwinian.',
  configSchema: memeticConfigSchema,
  // The refinement's rate and length, the population's spread, and what the refinement writes back.
  searchSpace: {
    'refinement.optimizer.learningRate': { scale: 'log', low: 1e-3, high: 0.3 },
    'refinement.steps': { scale: 'log', low: 1, high: 50, integer: true },
    'strategyConfig.populationSize': { scale: 'log', low: 2, high: 10, integer: true },
    mode: { scale: 'choice', values: ['lamarckian', 'baldwinian'] },
  },
  create: (config) => new MemeticTrainer(config),
});

/** Population-based training (Jaderberg et al. 2017). */
export const pbtTrainer: TrainerDefinition<typeof pbtConfigSchema> = defineTrainer({
  id: 'pbt',
  description:
    'Population-based training (Jaderberg et al. 2017): N SGD/Adam members; every interval the bottom fraction copies weights and optimizer state of a top member and perturbs or resamples lr, weight decay, momentum, dropout, batch size.',
  configSchema: pbtConfigSchema,
  // PBT searches its members' rates itself; tuning sets the size of the population and how often it exploits.
  searchSpace: {
    populationSize: { scale: 'log', low: 4, high: 16, integer: true },
    interval: { scale: 'log', low: 10, high: 200, integer: true },
    truncation: { scale: 'linear', low: 0.1, high: 0.5 },
    optimizer: { scale: 'choice', values: ['sgd', 'adam'] },
  },
  create: (config) => new PbtTrainer(config),
});

/** NEAT topologies with gradient-trained weights. */
export const neatBackpropTrainer: TrainerDefinition<typeof neatBackpropConfigSchema> = defineTrainer({
  id: 'neat-backprop',
  description:
    'NEAT evolves topologies; every phenotype is trained by k gradient steps through the differentiable NEAT op, weights written back (Lamarckian).',
  configSchema: neatBackpropConfigSchema,
  searchSpace: {
    'refinement.optimizer.learningRate': { scale: 'log', low: 1e-3, high: 0.3 },
    'refinement.steps': { scale: 'log', low: 1, high: 20, integer: true },
    'neat.compatibility.threshold': { scale: 'linear', low: 1, high: 6 },
  },
  create: (config) => new NeatBackpropTrainer(config),
});

/** The trainers this package registers, for `createRegistry(hybridTrainers, { what: 'trainer' })`. */
export const hybridTrainers = [memeticTrainer, pbtTrainer, neatBackpropTrainer] as const;
