/**
 * MNIST test accuracy after at most 10 epochs, from a fixed seed: the 784-256-128-10 ReLU
 * MLP and the small conv net, Adam 1e-3, batch 128, softmax cross-entropy. Long on a busy
 * machine; shorten it with flags and say so when quoting the numbers.
 *
 *   pnpm --filter @evoprop/backprop bench:accuracy [-- --epochs 10 --train-size 55000 --arch mlp|conv|both --kernels wasm|js --schedule cosine|constant]
 *
 * The default schedule decays the learning rate from 1e-3 to 0 over the run (cosine).
 */
import type { SupervisedTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { type KernelSetName, Rng, setKernels } from '@evoprop/tensor';
import { type Arch, benchTrainer, evopropModel } from './evoprop-models.js';

const flag = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const epochs = Number(flag('epochs') ?? 10);
const trainSize = flag('train-size') === undefined ? undefined : Number(flag('train-size'));
const archFlag = flag('arch') ?? 'both';
const archs: Arch[] = archFlag === 'both' ? ['mlp', 'conv'] : [archFlag as Arch];
setKernels((flag('kernels') ?? 'wasm') as KernelSetName);
const seed = 1;
const schedule = flag('schedule') ?? 'cosine';

const summary: string[] = [];
for (const arch of archs) {
  const task = createTask('mnist', seed, {
    validationSize: 5000,
    layout: arch === 'mlp' ? 'flat' : 'image',
    ...(trainSize ? { trainSize } : {}),
  }) as SupervisedTask;
  const n = task.train.x.shape[0];
  console.log(
    `\n${arch}: ${n} training / ${task.validation.x.shape[0]} validation / ${task.test.x.shape[0]} test images, ≤ ${epochs} epochs`,
  );
  const started = performance.now();
  const steps = epochs * Math.ceil((n ?? 0) / 128);
  console.log(`  Adam 1e-3, batch 128, ${schedule === 'cosine' ? `cosine decay to 0 over ${steps} steps` : 'constant learning rate'}`);
  const r = await benchTrainer(true, schedule === 'cosine' ? steps : undefined).fit({
    task,
    model: evopropModel(arch, seed),
    rng: Rng.fromSeed(seed),
    budget: { epochs },
    onEvent: (e) => {
      if (e.type === 'progress') {
        const m = e.metrics;
        console.log(
          `  epoch ${m.epoch}: train loss ${m.loss?.toFixed(4)} acc ${(100 * (m.accuracy ?? 0)).toFixed(2)} % | val loss ${m['val.loss']?.toFixed(4)} acc ${(100 * (m['val.accuracy'] ?? 0)).toFixed(2)} % | ${e.cost.wallSeconds.toFixed(0)} s`,
        );
      } else if (e.type === 'warning') console.log(`  warning: ${e.message}`);
    },
  });
  const wall = (performance.now() - started) / 1000;
  const line = `| ${arch} | ${n} | ${r.history.length} | ${(100 * (r.metrics.accuracy ?? 0)).toFixed(2)} % | ${r.cost.wallSeconds.toFixed(0)} s | ${wall.toFixed(0)} s |`;
  summary.push(line);
  console.log(`  test accuracy ${(100 * (r.metrics.accuracy ?? 0)).toFixed(2)} % (${r.status}: ${r.reason})`);
}
console.log('\n| model | train images | epochs | test accuracy | training wall time | total wall time |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const l of summary) console.log(l);
