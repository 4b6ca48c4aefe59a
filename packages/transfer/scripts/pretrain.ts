/**
 * Reproduces `pretrained/mnist04-conv.safetensors`: the conv net of `mnistConvNet`
 * trained with Adam on a seeded subset of split-MNIST digits 0–4 (labels 0..4), and
 * `mnist04-conv.fisher.safetensors`: its diagonal Fisher on 1000 of those training images (for EWC).
 *
 *   pnpm --filter @evoprop/transfer pretrain [--train-size 6000] [--epochs 3] [--seed 0]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BackpropTrainer } from '@evoprop/backprop';
import { saveModel } from '@evoprop/core/io';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { estimateFisher, saveNamedArrays } from '../src/fisher.js';
import { mnistConvNet, pretrainedUrl } from '../src/pretrained.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const trainSize = arg('train-size', 6000);
const epochs = arg('epochs', 3);
const seed = arg('seed', 0);
const outArg = process.argv.includes('--out') ? (process.argv[process.argv.indexOf('--out') + 1] as string) : undefined;
const out = outArg ?? fileURLToPath(pretrainedUrl('mnist04-conv'));
const fisherOut =
  outArg === undefined ? fileURLToPath(pretrainedUrl('mnist04-conv', 'fisher')) : outArg.replace(/\.safetensors$/, '.fisher.safetensors');

const task = createSupervisedTask('split-mnist', seed, { digits: [0, 1, 2, 3, 4], layout: 'image', trainSize, validationSize: 1000 });
const rng = Rng.fromSeed(seed);
const model = mnistConvNet(rng.fork('init'), 5);
const trainer = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 2e-3 }, batchSize: 32, diagnostics: false });
const started = performance.now();
const result = await trainer.fit({
  task,
  model,
  rng,
  budget: { epochs },
  onEvent: (e) => {
    if (e.type === 'progress')
      console.log(
        `epoch ${e.metrics.epoch}: loss ${e.metrics.loss?.toFixed(4)} train acc ${e.metrics.accuracy?.toFixed(4)} val acc ${e.metrics['val.accuracy']?.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
  },
});
const bytes = saveModel(result.model);
writeFileSync(out, bytes);
console.log(
  `${result.status}: test accuracy (0–4, ${task.test.y.shape[0]} images) ${result.metrics.accuracy?.toFixed(4)}; wrote ${out} (${bytes.length} bytes)`,
);
const fisher = estimateFisher(result.model, task.train, task, { samples: 1000, rng: rng.fork('fisher') });
const fisherBytes = saveNamedArrays(fisher, result.model, { samples: '1000', mode: 'sampled', source: `split-mnist 0-4 seed ${seed}` });
writeFileSync(fisherOut, fisherBytes);
console.log(`wrote the Fisher diagonal to ${fisherOut} (${fisherBytes.length} bytes)`);
