/**
 * Training throughput on MNIST, evoprop vs TensorFlow.js (CPU and WASM backends), in one
 * process: the 784-256-128-10 ReLU MLP and the small conv net, Adam, batch 128, softmax CE.
 *
 *   pnpm --filter @evoprop/backprop bench [-- --steps 40 --conv-steps 10]
 *
 * evoprop runs on its plain TypeScript kernels (`jsKernels`). Timings on a shared machine
 * are noisy: compare the ratios within one run, not absolute numbers across runs.
 */
import type { SupervisedTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { jsKernels, useKernels } from '@evoprop/tensor';
import { type Arch, evopropTrainSpeed } from './evoprop-models.js';
import { tfTrainSpeed, useTfBackend } from './tfjs-models.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const steps = arg('steps', 40);
const convSteps = arg('conv-steps', 10);
const seed = 1;
const archs: Arch[] = process.argv.includes('--mlp-only') ? ['mlp'] : ['mlp', 'conv'];

useKernels(jsKernels);
const flat = createTask('mnist', seed, { trainSize: 12_800, validationSize: 0, testSize: 1000 }) as SupervisedTask;
const image = createTask('mnist', seed, { trainSize: 12_800, validationSize: 0, testSize: 1000, layout: 'image' }) as SupervisedTask;
const labels = Uint8Array.from(flat.train.y.data);

type Row = { arch: Arch; impl: string; samplesPerSecond: number | null; note?: string };
const rows: Row[] = [];
for (const arch of archs) {
  const n = arch === 'mlp' ? steps : convSteps;
  const o = { steps: n, warmup: 3, seed, batchSize: 128 };
  const log = (r: Row) => {
    rows.push(r);
    console.error(`${arch} ${r.impl}: ${r.samplesPerSecond === null ? r.note : `${r.samplesPerSecond.toFixed(0)} samples/s`}`);
  };
  try {
    log({ arch, impl: 'evoprop (js kernels)', samplesPerSecond: await evopropTrainSpeed(arch, arch === 'mlp' ? flat : image, o) });
  } catch (e) {
    log({ arch, impl: 'evoprop (js kernels)', samplesPerSecond: null, note: (e as Error).message });
  }
  for (const backend of ['cpu', 'wasm'] as const) {
    await useTfBackend(backend);
    try {
      log({ arch, impl: `tfjs ${backend}`, samplesPerSecond: await tfTrainSpeed(arch, flat.train.x.data, labels, o) });
    } catch (e) {
      log({ arch, impl: `tfjs ${backend}`, samplesPerSecond: null, note: (e as Error).message.split('\n')[0] });
    }
  }
}

console.log(`\nMNIST training throughput (Adam, batch 128; ${steps} MLP / ${convSteps} conv steps after 3 warm-up steps)\n`);
console.log('| model | implementation | samples/s | evoprop ÷ this |');
console.log('|---|---|---:|---:|');
for (const r of rows) {
  const ours = rows.find((x) => x.arch === r.arch && x.impl.startsWith('evoprop'))?.samplesPerSecond ?? null;
  const ratio = ours !== null && r.samplesPerSecond !== null ? (ours / r.samplesPerSecond).toFixed(2) : '—';
  console.log(`| ${r.arch} | ${r.impl} | ${r.samplesPerSecond === null ? `n/a: ${r.note}` : r.samplesPerSecond.toFixed(0)} | ${ratio} |`);
}
