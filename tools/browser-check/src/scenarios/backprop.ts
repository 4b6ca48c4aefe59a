// @evoprop/backprop: Adam on circles for a few epochs.
import { BackpropTrainer } from '@evoprop/backprop';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, setKernels } from '@evoprop/tensor';
import { type Digest, fitDigest } from '../digest.js';

/** Adam, a 2-8-8-2 tanh network, 10 epochs on 300 points of circles. */
export async function run(): Promise<Digest> {
  setKernels('wasm', { threads: 1, fma: false });
  const task = createSupervisedTask('circles', 1, { samples: 300, noise: 0.1 });
  const trainer = new BackpropTrainer({
    optimizer: { name: 'adam', learningRate: 0.03 },
    hidden: [8, 8],
    activation: 'tanh',
    batchSize: 16,
  });
  return fitDigest(await trainer.fit({ task, rng: Rng.fromSeed(2), budget: { epochs: 10 } }));
}
