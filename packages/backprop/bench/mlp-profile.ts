/**
 * Train the MNIST MLP (784-256-128-10, Adam, batch 128) on one kernel set for a fixed number of
 * steps, for profiling: `node --cpu-prof --conditions=@evoprop/source --import tsx bench/mlp-profile.ts`.
 *   [--steps 200] [--threads 1] [--kernels wasm|js] [--arch mlp|conv]
 */
import type { SupervisedTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { setKernels } from '@evoprop/tensor';
import { type Arch, evopropTrainSpeed } from './evoprop-models.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
};
const arch = arg('arch', 'mlp') as Arch;
const kernels = arg('kernels', 'wasm');
setKernels(kernels === 'js' ? 'js' : 'wasm', { threads: Number(arg('threads', '1')) });
const task = createTask('mnist', 1, {
  trainSize: 12_800,
  validationSize: 0,
  testSize: 1000,
  ...(arch === 'conv' ? { layout: 'image' as const } : {}),
}) as SupervisedTask;
const v = await evopropTrainSpeed(arch, task, { steps: Number(arg('steps', '200')), warmup: 3, seed: 1 });
console.log(`${arch} ${kernels} threads=${arg('threads', '1')}: ${v.toFixed(0)} samples/s`);
