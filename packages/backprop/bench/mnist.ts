/**
 * Training throughput on MNIST, evoprop vs TensorFlow.js (CPU and WASM backends), in one
 * process: the 784-256-128-10 ReLU MLP and the small conv net, Adam, batch 128, softmax CE.
 *
 *   pnpm --filter @evoprop/backprop bench [-- --steps 40 --conv-steps 10]
 *
 * evoprop runs three times: on its plain TypeScript kernels (`setKernels('js')`), on the
 * WebAssembly SIMD kernels with one thread (like tfjs-wasm under Node) and with the default
 * thread count. Timings on a shared machine are noisy: compare the ratios within one run,
 * not absolute numbers across runs.
 */
import type { SupervisedTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { availableParallelism } from 'node:os';
import { setKernels } from '@evoprop/tensor';
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
  const threads = Math.min(8, availableParallelism());
  const kernelSets = [
    ['evoprop js kernels', () => setKernels('js')],
    ['evoprop wasm, 1 thread', () => setKernels('wasm', { threads: 1 })],
    ...(threads > 1 ? [[`evoprop wasm, ${threads} threads`, () => setKernels('wasm', { threads })] as const] : []),
  ] as const;
  for (const [impl, select] of kernelSets) {
    try {
      select();
      log({ arch, impl, samplesPerSecond: await evopropTrainSpeed(arch, arch === 'mlp' ? flat : image, o) });
    } catch (e) {
      log({ arch, impl, samplesPerSecond: null, note: (e as Error).message });
    }
  }
  setKernels('js');
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
console.log('| model | implementation | samples/s | ÷ tfjs cpu | ÷ tfjs wasm |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) {
  const tf = (b: string) => rows.find((x) => x.arch === r.arch && x.impl === `tfjs ${b}`)?.samplesPerSecond ?? null;
  const ratio = (other: number | null) => (r.samplesPerSecond !== null && other !== null ? `${(r.samplesPerSecond / other).toFixed(2)}×` : '—');
  const value = r.samplesPerSecond === null ? `n/a (${r.note})` : r.samplesPerSecond.toFixed(0);
  console.log(`| ${r.arch} | ${r.impl} | ${value} | ${ratio(tf('cpu'))} | ${ratio(tf('wasm'))} |`);
}
