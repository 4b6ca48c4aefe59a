/**
 * Side by side, in one process: matmul GFLOP/s of evoprop's plain JS kernels, its
 * WebAssembly SIMD kernels on 1 and on all threads, TensorFlow.js's CPU backend and its
 * WASM backend (SIMD, single-threaded — its threaded build does not start under Node),
 * for A·B and the transposed products backward needs. Prints ratios against tfjs WASM.
 * Where the runtime has relaxed SIMD (Node ≥ 22, or `bench:compare:fma` on Node 20) the
 * fused multiply-add build is measured too (columns `+fma`).
 * Run: pnpm --filter @evoprop/tensor bench:compare   (SIZES=128,256 to shorten)
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { Rng, jsKernels, kernels, setKernels } from '../src/index.js';
import { wasmRelaxedSimdSupported } from '../src/kernels/wasm/wasm-kernels.js';

const sizes = (process.env.SIZES ?? '128,256,512,1024').split(',').map(Number);
const budgetMs = Number(process.env.BUDGET_MS ?? 600);
const threads = availableParallelism();
const variants = [
  ['A·B', false, false],
  ['Aᵀ·B', true, false],
  ['A·Bᵀ', false, true],
] as const;

/**
 * Best wall-clock time (ms) of each function, calling them in turn (round-robin) until
 * each had its budget: on a loaded machine every contender sees the same quiet moments.
 */
function bestInterleaved(fns: Readonly<Record<string, () => void>>): Record<string, number> {
  const names = Object.keys(fns);
  const min: Record<string, number> = {};
  for (const name of names) {
    (fns[name] as () => void)();
    min[name] = Number.POSITIVE_INFINITY;
  }
  const start = performance.now();
  for (let round = 0; round < 3 || performance.now() - start < budgetMs * names.length; round++) {
    for (const name of names) {
      const t0 = performance.now();
      (fns[name] as () => void)();
      min[name] = Math.min(min[name] as number, performance.now() - t0);
    }
  }
  return min;
}

/** Best wall-clock time of repeated calls within the budget, in ms. */
function best(fn: () => void): number {
  fn();
  let min = Number.POSITIVE_INFINITY;
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < budgetMs || calls < 3) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
    calls++;
  }
  return min;
}

async function useTf(backend: 'cpu' | 'wasm'): Promise<void> {
  if (backend === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(join(dist, '/'));
  }
  await tf.setBackend(backend);
  await tf.ready();
}

function tfMatMul(ta: tf.Tensor2D, tb: tf.Tensor2D, tA: boolean, tB: boolean): void {
  const r = tf.matMul(ta, tb, tA, tB);
  r.dataSync();
  r.dispose();
}

const defaultKernels = kernels().name;
const fma = wasmRelaxedSimdSupported();
const rng = Rng.fromSeed('bench');
const rows: Record<string, string | number>[] = [];
for (const n of sizes) {
  const a = rng.fillNormal(new Float32Array(n * n));
  const b = rng.fillNormal(new Float32Array(n * n));
  const c = new Float32Array(n * n);
  const gflops = (ms: number) => (2 * n ** 3) / ms / 1e6;
  for (const [name, tA, tB] of variants) {
    const row: Record<string, string | number> = { n: String(n), product: name };
    row['evoprop-js'] = gflops(best(() => jsKernels.gemm(tA, tB, n, n, n, a, b, c, false)));
    if (n <= 512) {
      await useTf('cpu'); // minutes per call at n = 1024; skipped there
      const [ta, tb] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])];
      row['tfjs-cpu'] = gflops(best(() => tfMatMul(ta, tb, tA, tB)));
      tf.dispose([ta, tb]);
    } else {
      row['tfjs-cpu'] = NaN;
    }
    // The WebAssembly contenders, tfjs's included, run interleaved in one loop.
    await useTf('wasm');
    const [ta, tb] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])];
    const sets = {
      'evoprop-wasm 1t': setKernels('wasm', { threads: 1, fma: false }),
      [`evoprop-wasm ${threads}t`]: setKernels('wasm', { threads, fma: false }),
      ...(fma
        ? {
            'wasm+fma 1t': setKernels('wasm', { threads: 1, fma: true }),
            [`wasm+fma ${threads}t`]: setKernels('wasm', { threads, fma: true }),
          }
        : {}),
    };
    const fns: Record<string, () => void> = {};
    for (const [label, set] of Object.entries(sets)) fns[label] = () => set.gemm(tA, tB, n, n, n, a, b, c, false);
    fns['tfjs-wasm'] = () => tfMatMul(ta, tb, tA, tB);
    for (const [label, ms] of Object.entries(bestInterleaved(fns))) row[label] = gflops(ms);
    tf.dispose([ta, tb]);
    rows.push(row);
  }
}
console.log(`node ${process.version}, ${threads} hardware threads, default kernel set '${defaultKernels}'`);
const cols = Object.keys(rows[0] ?? {});
console.log(`| ${cols.join(' | ')} | wasm-1t / tfjs-wasm | wasm-${threads}t / tfjs-wasm |`);
console.log(`|${cols.map(() => '---').join('|')}|---|---|`);
for (const r of rows) {
  const f = (v: string | number) => (typeof v === 'number' ? (Number.isNaN(v) ? '—' : v.toFixed(1)) : v);
  const tw = r['tfjs-wasm'] as number;
  console.log(
    `| ${cols.map((k) => f(r[k] as number | string)).join(' | ')} | ${((r['evoprop-wasm 1t'] as number) / tw).toFixed(2)}× | ${((r[`evoprop-wasm ${threads}t`] as number) / tw).toFixed(2)}× |`,
  );
}
console.log('GFLOP/s, best call (the WebAssembly contenders interleaved); tfjs timings include dataSync() of the result.');
