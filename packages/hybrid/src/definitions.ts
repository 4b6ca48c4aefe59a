import { type TrainerDefinition, defineTrainer } from '@evoprop/core';
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
  create: (config) => new MemeticTrainer(config),
});

/** Population-based training (Jaderberg et al. 2017). */
export const pbtTrainer: TrainerDefinition<typeof pbtConfigSchema> = defineTrainer({
  id: 'pbt',
  description:
    'Population-based training (Jaderberg et al. 2017): N SGD/Adam members; every interval the bottom fraction copies weights and optimizer state of a top member and perturbs or resamples lr, weight decay, momentum, dropout, batch size.',
  configSchema: pbtConfigSchema,
  create: (config) => new PbtTrainer(config),
});

/** NEAT topologies with gradient-trained weights. */
export const neatBackpropTrainer: TrainerDefinition<typeof neatBackpropConfigSchema> = defineTrainer({
  id: 'neat-backprop',
  description:
    'NEAT evolves topologies; every phenotype is trained by k gradient steps through the differentiable NEAT op, weights written back (Lamarckian).',
  configSchema: neatBackpropConfigSchema,
  create: (config) => new NeatBackpropTrainer(config),
});

/** The trainers this package registers, for `createRegistry(hybridTrainers, { what: 'trainer' })`. */
export const hybridTrainers = [memeticTrainer, pbtTrainer, neatBackpropTrainer] as const;
