/**
 * Training throughput on MNIST, evoprop vs TensorFlow.js (CPU and WASM backends), in one
 * process: the 784-256-128-10 ReLU MLP and the small conv net, Adam, batch 128, softmax CE.
 *
 *   pnpm --filter @evoprop/backprop bench [-- --steps 40 --conv-steps 10 --rounds 2 --mlp-only]
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
const rounds = arg('rounds', 2);
const archs: Arch[] = process.argv.includes('--mlp-only') ? ['mlp'] : ['mlp', 'conv'];

const flat = createTask('mnist', seed, { trainSize: 12_800, validationSize: 0, testSize: 1000 }) as SupervisedTask;
const image = createTask('mnist', seed, { trainSize: 12_800, validationSize: 0, testSize: 1000, layout: 'image' }) as SupervisedTask;
const labels = Uint8Array.from(flat.train.y.data);

type Row = { arch: Arch; impl: string; samplesPerSecond: number | null; note?: string };
const rows: Row[] = [];
const threads = Math.min(8, availableParallelism());
type Impl = Readonly<{ impl: string; run: (arch: Arch, o: Options) => Promise<number> }>;
type Options = Readonly<{ steps: number; warmup: number; seed: number; batchSize: number }>;
const evoprop = (impl: string, select: () => void): Impl => ({
  impl,
  run: (arch, o) => {
    select();
    return evopropTrainSpeed(arch, arch === 'mlp' ? flat : image, o);
  },
});
const tfjs = (backend: 'cpu' | 'wasm'): Impl => ({
  impl: `tfjs ${backend}`,
  run: async (arch, o) => {
    await useTfBackend(backend);
    return tfTrainSpeed(arch, flat.train.x.data, labels, o);
  },
});
const impls: Impl[] = [
  evoprop('evoprop js kernels', () => setKernels('js')),
  evoprop('evoprop wasm, 1 thread', () => setKernels('wasm', { threads: 1 })),
  ...(threads > 1 ? [evoprop(`evoprop wasm, ${threads} threads`, () => setKernels('wasm', { threads }))] : []),
  tfjs('cpu'),
  tfjs('wasm'),
];

// Interleaved rounds, best of each: the machine's load changes from minute to minute.
for (const arch of archs) {
  const o: Options = { steps: arch === 'mlp' ? steps : convSteps, warmup: arch === 'mlp' ? 3 : 1, seed, batchSize: 128 };
  const best = new Map<string, Row>();
  for (let round = 0; round < (arch === 'mlp' ? rounds : 1); round++) {
    for (const { impl, run } of impls) {
      if (best.get(impl)?.samplesPerSecond === null) continue;
      try {
        const v = await run(arch, o);
        console.error(`${arch} ${impl} (round ${round + 1}): ${v.toFixed(0)} samples/s`);
        if ((best.get(impl)?.samplesPerSecond ?? 0) < v) best.set(impl, { arch, impl, samplesPerSecond: v });
      } catch (e) {
        const note = (e as Error).message.split('\n')[0] as string;
        console.error(`${arch} ${impl}: ${note}`);
        best.set(impl, { arch, impl, samplesPerSecond: null, note });
      }
    }
  }
  setKernels('js');
  rows.push(...best.values());
}

console.log(
  `\nMNIST training throughput (Adam, batch 128; ${steps} MLP steps, best of ${rounds} interleaved rounds / ${convSteps} conv steps, after 3 / 1 warm-up steps)\n`,
);
console.log('| model | implementation | samples/s | ÷ tfjs cpu | ÷ tfjs wasm |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) {
  const tf = (b: string) => rows.find((x) => x.arch === r.arch && x.impl === `tfjs ${b}`)?.samplesPerSecond ?? null;
  const ratio = (other: number | null) =>
    r.samplesPerSecond !== null && other !== null ? `${(r.samplesPerSecond / other).toFixed(2)}×` : '—';
  const value = r.samplesPerSecond === null ? `n/a (${r.note})` : r.samplesPerSecond.toFixed(0);
  console.log(`| ${r.arch} | ${r.impl} | ${value} | ${ratio(tf('cpu'))} | ${ratio(tf('wasm'))} |`);
}
// Peak resident memory of the whole run (evoprop, tfjs and the MNIST tensors together).
console.log(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
