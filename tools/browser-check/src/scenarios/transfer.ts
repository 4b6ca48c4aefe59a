// @evoprop/transfer: pretrain on circles, then fine-tune a new head on moons with the trunk frozen.
import { BackpropTrainer } from '@evoprop/backprop';
import { sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, setKernels } from '@evoprop/tensor';
import { TransferTrainer } from '@evoprop/transfer';
import { type Digest, fitDigest } from '../digest.js';

/** The pretrained and the transferred fits. */
export async function run(): Promise<Digest> {
  setKernels('wasm', { threads: 1, fma: false });
  const source = createSupervisedTask('circles', 3, { samples: 200 });
  const base = sequential([dense(12, { activation: 'tanh', name: 'trunk' }), dense(2, { name: 'head' })], {
    inputShape: [2],
    rng: Rng.fromSeed(7),
  });
  const pretrained = await new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.05 } }).fit({
    task: source,
    model: base,
    rng: Rng.fromSeed(7),
    budget: { epochs: 5 },
  });
  const transfer = new TransferTrainer({
    freezeTrunk: true,
    trainer: { id: 'fine-tune', config: { optimizer: { name: 'adam', learningRate: 0.05 }, batchSize: 8 } },
  });
  const target = createSupervisedTask('moons', 3, { samples: 200 });
  const moved = await transfer.fit({ task: target, model: pretrained.model, rng: Rng.fromSeed(8), budget: { epochs: 5 } });
  return { pretrained: fitDigest(pretrained), transferred: fitDigest(moved) };
}
