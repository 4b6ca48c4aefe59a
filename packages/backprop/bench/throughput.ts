/**
 * Training throughput against the matmul limit, side by side in one process: the MNIST MLP
 * 784-256-128-10 (ReLU, Adam 1e-3, batch 128, softmax cross-entropy) on the WebAssembly kernels
 * with 1 and 2 threads; the GFLOP/s that training sustains (the trainer's own FLOP meter over its
 * wall time) against the GFLOP/s of the wasm gemm alone (512×512×512, 1 thread, mean over a
 * second of calls), measured between the training rounds; and PyTorch CPU (Debian's python3-torch, `bench/torch_mlp.py`)
 * training the same MLP on the same images with 1 and 2 threads, where it is installed (skipped
 * with a message where it is not). `--conv` adds the small conv net (evoprop only).
 *
 *   pnpm --filter @evoprop/backprop bench:throughput [-- --steps 100 --rounds 3 --conv]
 *
 * Rounds are interleaved and the best of each row kept: on a shared machine every contender
 * sees the same quiet moments. The load average is printed with the results.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SupervisedTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { FlopMeter, Rng, fromArray, kernels, noGrad, setKernels } from '@evoprop/tensor';
import { type Arch, benchTrainer, evopropModel } from './evoprop-models.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const steps = arg('steps', 100);
const rounds = arg('rounds', 3);
const withConv = process.argv.includes('--conv');
const batchSize = 128;
const trainSize = 12_800;

const flat = createTask('mnist', 1, { trainSize, validationSize: 0, testSize: 1000 }) as SupervisedTask;
const image = withConv
  ? (createTask('mnist', 1, { trainSize, validationSize: 0, testSize: 1000, layout: 'image' }) as SupervisedTask)
  : null;

/** GFLOP/s two ways: what the trainer's meter counted, and 3× the forward pass per sample (issue #28's convention). */
type Speed = Readonly<{ samplesPerSecond: number; gflops: number; gflops3x: number }>;

/** FLOPs of one sample's forward pass (products, bias adds, activations), by the FLOP meter. */
function forwardFlops(arch: Arch, task: SupervisedTask): number {
  const model = evopropModel(arch, 1);
  const x = task.train.x;
  const one = fromArray(x.data.subarray(0, x.size / (x.shape[0] as number)), [1, ...x.shape.slice(1)]);
  const meter = new FlopMeter();
  meter.measure(() => noGrad(() => model.forward(one, 'eval')));
  return meter.flops;
}

async function train(arch: Arch, threads: number): Promise<Speed> {
  setKernels('wasm', { threads });
  const task = arch === 'mlp' ? flat : (image as SupervisedTask);
  const model = evopropModel(arch, 1);
  const trainer = benchTrainer();
  await trainer.fit({ task, model, rng: Rng.fromSeed(1), budget: { gradientSteps: 3 } });
  const n = arch === 'mlp' ? steps : Math.max(5, Math.round(steps / 5));
  const r = await trainer.fit({ task, model, rng: Rng.fromSeed(1), budget: { gradientSteps: n } });
  const samplesPerSecond = (r.cost.gradientSteps * batchSize) / r.cost.wallSeconds;
  return {
    samplesPerSecond,
    gflops: r.cost.flops / r.cost.wallSeconds / 1e9,
    gflops3x: (3 * forwardFlops(arch, task) * samplesPerSecond) / 1e9,
  };
}

function gemmGflops(): number {
  setKernels('wasm', { threads: 1 });
  const n = 512;
  const a = Float32Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const b = Float32Array.from({ length: n * n }, (_, i) => Math.cos(i));
  const c = new Float32Array(n * n);
  const gemm = kernels().gemm;
  gemm(false, false, n, n, n, a, b, c, false);
  // The mean rate over a second of back-to-back calls, as training is measured (its mean over
  // all steps): under load a best single call would flatter the gemm against training.
  const start = performance.now();
  let calls = 0;
  while (calls < 5 || performance.now() - start < 1000) {
    gemm(false, false, n, n, n, a, b, c, false);
    calls++;
  }
  return (2 * n ** 3 * calls) / (performance.now() - start) / 1e6;
}

// PyTorch: Debian's interpreter (python3-torch is a system package), then whatever python3 is.
const pythons = ['/usr/bin/python3', 'python3'];
const python = pythons.find((p) => {
  try {
    execFileSync(p, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
let dataDir: string | null = null;
if (python === undefined) {
  console.error('PyTorch rows skipped: no python3 with torch found (Debian: apt-get install python3-torch libopenblas0-pthread)');
} else {
  // The same images and labels as evoprop trains on: float32 pixels, then uint8 labels.
  dataDir = mkdtempSync(join(tmpdir(), 'evoprop-torch-'));
  const x = flat.train.x.data;
  const y = Uint8Array.from(flat.train.y.data);
  writeFileSync(join(dataDir, 'mnist.bin'), Buffer.concat([Buffer.from(x.buffer, x.byteOffset, x.byteLength), Buffer.from(y)]));
}
const script = fileURLToPath(new URL('./torch_mlp.py', import.meta.url));
function torchSpeed(threads: number): number {
  if (python === undefined || dataDir === null || !existsSync(script)) return Number.NaN;
  const out = execFileSync(
    python,
    [script, join(dataDir, 'mnist.bin'), String(trainSize), '--threads', String(threads), '--steps', String(steps)],
    {
      encoding: 'utf8',
    },
  );
  return (JSON.parse(out.trim().split('\n').pop() as string) as { samplesPerSecond: number }).samplesPerSecond;
}

const load0 = loadavg()[0] as number;
const best = new Map<string, Speed>();
const keep = (name: string, s: Speed) => {
  console.error(`${name}: ${s.samplesPerSecond.toFixed(0)} samples/s (load ${(loadavg()[0] as number).toFixed(1)})`);
  if ((best.get(name)?.samplesPerSecond ?? -1) < s.samplesPerSecond) best.set(name, s);
};
for (let round = 0; round < rounds; round++) {
  const g = gemmGflops();
  const gemmRow = { samplesPerSecond: Number.NaN, gflops: g, gflops3x: g };
  console.error(`gemm 512³ wasm, 1 thread: ${g.toFixed(1)} GFLOP/s (load ${(loadavg()[0] as number).toFixed(1)})`);
  if ((best.get('gemm 512³ wasm, 1 thread')?.gflops ?? 0) < g) best.set('gemm 512³ wasm, 1 thread', gemmRow);
  for (const t of [1, 2]) keep(`mlp evoprop wasm, ${t} thread${t > 1 ? 's' : ''}`, await train('mlp', t));
  for (const t of [1, 2]) {
    const v = torchSpeed(t);
    if (!Number.isNaN(v))
      keep(`mlp pytorch cpu, ${t} thread${t > 1 ? 's' : ''}`, { samplesPerSecond: v, gflops: Number.NaN, gflops3x: Number.NaN });
  }
  if (withConv) for (const t of [1, 2]) keep(`conv evoprop wasm, ${t} thread${t > 1 ? 's' : ''}`, await train('conv', t));
}
if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });

const gemm = best.get('gemm 512³ wasm, 1 thread')?.gflops ?? Number.NaN;
const get = (name: string) => best.get(name)?.samplesPerSecond ?? Number.NaN;
const fmt = (v: number, digits = 0) => (Number.isNaN(v) ? '—' : v.toFixed(digits));
console.log(
  `\nMNIST training throughput (Adam, batch ${batchSize}; ${steps} MLP steps, best of ${rounds} interleaved rounds; load average ${load0.toFixed(1)} → ${(loadavg()[0] as number).toFixed(1)})\n`,
);
console.log(
  'GFLOP/s: 3× the forward FLOPs per sample (the convention of issue #28), then as metered (what the kernels computed: no input gradient for the first layer)\n',
);
console.log('| row | samples/s | GFLOP/s (3× fwd) | ÷ gemm | GFLOP/s (metered) | ÷ gemm | ÷ PyTorch, same threads | ÷ 1 thread |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, s] of best) {
  const threads = name.includes('2 threads') ? 2 : 1;
  const torch = get(`mlp pytorch cpu, ${threads} thread${threads > 1 ? 's' : ''}`);
  const one = get(name.replace('2 threads', '1 thread'));
  const isEvopropMlp = name.startsWith('mlp evoprop');
  console.log(
    `| ${name} | ${fmt(s.samplesPerSecond)} | ${fmt(s.gflops3x, 1)} | ${fmt(s.gflops3x / gemm, 2)} | ${fmt(s.gflops, 1)} | ${fmt(s.gflops / gemm, 2)} | ${isEvopropMlp ? fmt(s.samplesPerSecond / torch, 2) : '—'} | ${threads > 1 ? fmt(s.samplesPerSecond / one, 2) : '—'} |`,
  );
}
