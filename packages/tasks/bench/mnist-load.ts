/**
 * How long MNIST takes to parse and what it costs in memory.
 * Run: pnpm --filter @evoprop/tasks bench   (or: node --conditions=@evoprop/source --import tsx bench/mnist-load.ts)
 * Timings depend on the machine's load; run it on a quiet machine for figures to quote.
 */
import { mnistFiles } from '../src/mnist/files.js';
import { readIdxImages } from '../src/mnist/idx.js';
import { createSupervisedTask } from '../src/index.js';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;

function measure<T>(label: string, run: () => T): T {
  gc?.();
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const out = run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const after = process.memoryUsage();
  // CPU time is what the work costs; wall time also counts waiting for a core on a busy machine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const memory = `+${mib(after.arrayBuffers - before.arrayBuffers)} array buffers, +${mib(after.rss - before.rss)} rss`;
  console.log(`${label}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ${memory}`);
  return out;
}

const files = mnistFiles();
const all = Int32Array.from({ length: 60_000 }, (_, i) => i);
for (let run = 1; run <= 3; run++) {
  const { images } = measure(`parse train-images (60,000 × 784 → Float32), run ${run}`, () =>
    readIdxImages(files.trainImages, [all], { table: Float32Array.from({ length: 256 }, (_, b) => b / 255) }),
  );
  console.log(`  Float32 tensor itself: ${mib(images[0].byteLength)}`);
}
const task = measure('createTask(mnist): train 55k + validation 5k + test 10k', () => createSupervisedTask('mnist', 1));
const tensorBytes = [task.train, task.validation, task.test].reduce((s, split) => s + split.x.data.byteLength + split.y.data.byteLength, 0);
console.log(`  tensors of the task: ${mib(tensorBytes)}`);
measure('createTask(mnist, standardise, image layout)', () =>
  createSupervisedTask('mnist', 1, { scaling: 'standardise', layout: 'image' }),
);
measure('createTask(mnist, trainSize 1000)', () => createSupervisedTask('mnist', 1, { trainSize: 1000, testSize: 1000 }));
