/**
 * Encoder variants of the dense MNIST autoencoder 784-256-32-256-784 on a training subset, each
 * scored by the 1,000-label linear probe on its 32-d code (issue 26's ≥ 90 % bar): the code
 * layer's activation (ReLU as in bench:autoencoder, linear, sigmoid, tanh), denoising (the task's
 * seeded masking or Gaussian noise, fixed per image), and the loss. The probe is `probeEncoder`
 * with its cross-validated penalty (as in bench:autoencoder), then at two fixed L2 penalties (1e-3
 * and 1e-2, 1,000 Adam steps), so variants also compare at equal probes.
 *
 *   pnpm --filter @evoprop/transfer bench:autoencoder-variants [--seed 1] [--train-size 10000]
 *     [--epochs 10] [--code relu|linear|sigmoid|tanh] [--noise none|mask|gaussian] [--noise-level 0.3]
 *     [--loss binary-cross-entropy|mse]
 */
import { BackpropTrainer } from '@evoprop/backprop';
import { sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, setKernels } from '@evoprop/tensor';
import { probeEncoder } from '../src/index.js';

setKernels('wasm', { threads: 1 });
const flag = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
};
const seed = Number(flag('seed', '1'));
const trainSize = Number(flag('train-size', '10000'));
const epochs = Number(flag('epochs', '10'));
const code = flag('code', 'relu') as 'relu' | 'linear' | 'tanh' | 'sigmoid';
const noise = flag('noise', 'none') as 'none' | 'mask' | 'gaussian';
const noiseLevel = Number(flag('noise-level', '0.3'));
const loss = flag('loss', 'binary-cross-entropy') as 'binary-cross-entropy' | 'mse';

const task = createSupervisedTask('mnist-autoencoder', seed, { trainSize, validationSize: 1000, testSize: 10000, loss, noise, noiseLevel });
const rng = Rng.fromSeed(seed);
const model = sequential(
  [
    dense(256, { activation: 'relu', kernelInitializer: 'heUniform' }),
    dense(32, { activation: code, kernelInitializer: code === 'relu' ? 'heUniform' : 'glorotUniform' }),
    dense(256, { activation: 'relu', kernelInitializer: 'heUniform' }),
    dense(784, { kernelInitializer: 'glorotUniform' }),
  ],
  { inputShape: [784], rng: rng.fork('init') },
);
const started = performance.now();
const r = await new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 1e-3 }, batchSize: 64 }).fit({
  task,
  model,
  rng,
  budget: { epochs },
  onEvent: (e) => {
    const v = 'metrics' in e && 'cost' in e ? e.metrics['val.mse'] : undefined;
    if (v !== undefined && 'cost' in e)
      console.log(`  epoch ${e.cost.epochs}: val mse ${v.toFixed(4)} (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
  },
});
console.log(
  `code ${code}, noise ${noise}${noise === 'none' ? '' : ` ${noiseLevel}`}, loss ${loss}, ${trainSize} images, ${epochs} epochs, seed ${seed}`,
);
console.log(`test mse ${(r.metrics.mse as number).toFixed(4)}`);
const cv = probeEncoder(r.model, task, { rng: Rng.fromSeed(seed).fork('probe') });
console.log(`probe (1000 labels, l2 cross-validated: ${cv.l2}) ${cv.accuracy.toFixed(4)}`);
for (const l2 of [1e-3, 1e-2])
  console.log(
    `probe (1000 labels, l2 ${l2}) ${probeEncoder(r.model, task, { rng: Rng.fromSeed(seed).fork('probe'), iterations: 1000, l2 }).accuracy.toFixed(4)}`,
  );
