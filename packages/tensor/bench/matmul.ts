/**
 * GFLOP/s of the plain TypeScript gemm for square products, in all four transpose variants.
 * Run: `npm run bench` in packages/tensor (or `pnpm bench` at the root, through turbo).
 * Each cell times single calls for a time budget and prints the best and the median call:
 * on a loaded machine the best is the closer estimate of what the kernel can do.
 */
import { Rng, jsKernels } from '../src/index.js';

const sizes = (process.env.SIZES ?? '128,256,512,1024').split(',').map(Number);
const budgetMs = Number(process.env.BUDGET_MS ?? 500);
const variants: [string, boolean, boolean][] = [
  ['A·B', false, false],
  ['Aᵀ·B', true, false],
  ['A·Bᵀ', false, true],
  ['Aᵀ·Bᵀ', true, true],
];
const rng = Rng.fromSeed('bench');

console.log(`kernel set: ${jsKernels.name} (plain TypeScript), node ${process.version}, single thread`);
console.log(`GFLOP/s as best (median) of single calls over ${budgetMs} ms per cell`);
console.log(['n', ...variants.map(([v]) => v)].map((s, i) => s.padStart(i === 0 ? 6 : 16)).join(''));
for (const n of sizes) {
  const a = rng.fillNormal(new Float32Array(n * n));
  const b = rng.fillNormal(new Float32Array(n * n));
  const c = new Float32Array(n * n);
  const row = [String(n).padStart(6)];
  for (const [, ta, tb] of variants) {
    jsKernels.gemm(ta, tb, n, n, n, a, b, c, false); // warm-up: JIT and scratch panels
    const times: number[] = [];
    const start = performance.now();
    do {
      const t0 = performance.now();
      jsKernels.gemm(ta, tb, n, n, n, a, b, c, false);
      times.push(performance.now() - t0);
    } while (performance.now() - start < budgetMs || times.length < 3);
    times.sort((x, y) => x - y);
    const gflops = (ms: number) => ((2 * n ** 3) / (ms * 1e6)).toFixed(2);
    row.push(`${gflops(times[0] as number)} (${gflops(times[Math.floor(times.length / 2)] as number)})`.padStart(16));
  }
  console.log(row.join(''));
}
