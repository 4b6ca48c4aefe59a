// @evoprop/hybrid: a memetic GA (Adam refinement) on moons.
import { MemeticTrainer } from '@evoprop/hybrid';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, setKernels } from '@evoprop/tensor';
import { type Digest, fitDigest } from '../digest.js';

/** Five generations of a Lamarckian memetic GA, 10 Adam steps per candidate. */
export async function run(): Promise<Digest> {
  setKernels('wasm', { threads: 1, fma: false });
  const task = createSupervisedTask('moons', 2, { samples: 200 });
  const memetic = new MemeticTrainer({
    strategy: 'ga',
    strategyConfig: { populationSize: 6 },
    mode: 'lamarckian',
    refinement: { steps: 10, optimizer: { name: 'adam', learningRate: 0.05 } },
    model: { hidden: [8], activation: 'tanh' },
  });
  return fitDigest(await memetic.fit({ task, rng: Rng.fromSeed(6), budget: { generations: 5 } }));
}
