// @evoprop/evolution: CMA-ES and a GA on circles, NEAT on XOR (in this thread and on two workers), ask/tell CMA-ES on Rosenbrock.
import { EvolutionTrainer, cmaEs, minimize } from '@evoprop/evolution';
import { rosenbrock } from '@evoprop/tasks';
import { NeatTrainer } from '@evoprop/evolution/neat';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, setKernels } from '@evoprop/tensor';
import { type Digest, fitDigest } from '../digest.js';

/** A few generations of each; the numbers must match Node's to the bit. */
export async function run(): Promise<Digest> {
  setKernels('wasm', { threads: 1, fma: false });
  const circles = createSupervisedTask('circles', 1, { samples: 200, noise: 0.1 });
  const cma = await new EvolutionTrainer({ strategy: 'cmaEs', model: { hidden: [6], activation: 'tanh' } }).fit({
    task: circles,
    rng: Rng.fromSeed(3),
    budget: { generations: 15 },
  });
  const xor = createSupervisedTask('xor', 0);
  const neat = await new NeatTrainer({}).fit({ task: xor, rng: Rng.fromSeed(4), budget: { generations: 15 } });
  // The same runs with their populations evaluated on two workers (threads in Node, Web Workers in a browser).
  const neatWorkers = await new NeatTrainer({ workers: 2 }).fit({ task: xor, rng: Rng.fromSeed(4), budget: { generations: 15 } });
  const ga = (workers: number) =>
    new EvolutionTrainer({ strategy: 'ga', workers, model: { hidden: [6], activation: 'tanh' } }).fit({
      task: circles,
      rng: Rng.fromSeed(6),
      budget: { generations: 10 },
    });
  const state = minimize(cmaEs, { mean: [0.1, 0.1, 0.1], sigma: 0.3 }, rosenbrock.evaluate, { rng: Rng.fromSeed(5), generations: 100 });
  return {
    cmaEs: fitDigest(cma),
    neat: fitDigest(neat),
    neatWorkers: fitDigest(neatWorkers),
    ga: fitDigest(await ga(0)),
    gaWorkers: fitDigest(await ga(2)),
    rosenbrock: state.bestFitness,
  };
}
