/**
 * MNIST test accuracy after at most 10 epochs, from a fixed seed: the 784-256-128-10 ReLU
 * MLP and the small conv net, Adam, softmax cross-entropy. Long on a busy machine; shorten it
 * with flags and say so when quoting the numbers.
 *
 *   pnpm --filter @evoprop/backprop bench:accuracy [-- --epochs 10 --train-size 55000 --arch mlp|conv|both
 *     --kernels wasm|js --schedule cosine|constant --lr 1e-3 --batch 128 --warmup 0]
 *
 * The default schedule decays the learning rate from its peak to 0 over the run (cosine).
 * Defaults per model: the MLP uses Adam 1e-3, batch 128; the conv net, which underfits at that
 * rate (98.6 % train accuracy after 10 epochs), Adam 3e-3, batch 64, 200 warm-up steps.
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
const defaults: Record<Arch, { lr: number; batch: number; warmup: number }> = {
  mlp: { lr: 1e-3, batch: 128, warmup: 0 },
  conv: { lr: 3e-3, batch: 64, warmup: 200 },
};

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
  const lr = Number(flag('lr') ?? defaults[arch].lr);
  const batch = Number(flag('batch') ?? defaults[arch].batch);
  const warmup = Number(flag('warmup') ?? defaults[arch].warmup);
  const steps = epochs * Math.ceil((n ?? 0) / batch);
  console.log(
    `  Adam ${lr}, batch ${batch}, ${schedule === 'cosine' ? `${warmup} warm-up steps, cosine decay to 0 at step ${steps}` : 'constant learning rate'}`,
  );
  const trainer = benchTrainer({
    diagnostics: true,
    learningRate: lr,
    batchSize: batch,
    ...(schedule === 'cosine' ? { cosineSteps: steps, warmupSteps: warmup } : {}),
  });
  const r = await trainer.fit({
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
