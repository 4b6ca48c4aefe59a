/**
 * GFLOP/s of the plain TypeScript gemm for square products, in all four transpose variants.
 * Run: `npm run bench:js` in packages/tensor (`pnpm bench` runs the comparison with TensorFlow.js instead).
 * Each cell times single calls for a time budget and prints the best wall-clock call and, in
 * brackets, the median call measured in process CPU time: on a loaded machine (other
 * processes taking the cores) CPU time is the closer estimate of what the kernel can do.
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
console.log(`GFLOP/s: best wall-clock call (median CPU-time call), ${budgetMs} ms per cell`);
console.log(['n', ...variants.map(([v]) => v)].map((s, i) => s.padStart(i === 0 ? 6 : 16)).join(''));
for (const n of sizes) {
  const a = rng.fillNormal(new Float32Array(n * n));
  const b = rng.fillNormal(new Float32Array(n * n));
  const c = new Float32Array(n * n);
  const row = [String(n).padStart(6)];
  for (const [, ta, tb] of variants) {
    jsKernels.gemm(ta, tb, n, n, n, a, b, c, false); // warm-up: JIT and scratch panels
    const wall: number[] = [];
    const cpu: number[] = [];
    const start = performance.now();
    do {
      const t0 = performance.now();
      const u0 = process.cpuUsage();
      jsKernels.gemm(ta, tb, n, n, n, a, b, c, false);
      const u = process.cpuUsage(u0);
      wall.push(performance.now() - t0);
      cpu.push((u.user + u.system) / 1000);
    } while (performance.now() - start < budgetMs || wall.length < 3);
    wall.sort((x, y) => x - y);
    cpu.sort((x, y) => x - y);
    const gflops = (ms: number) => ((2 * n ** 3) / (ms * 1e6)).toFixed(2);
    row.push(`${gflops(wall[0] as number)} (${gflops(cpu[Math.floor(cpu.length / 2)] as number)})`.padStart(16));
  }
  console.log(row.join(''));
}
