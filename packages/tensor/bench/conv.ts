/**
 * Forward + backward time of conv2d and pooling on MNIST-like and CIFAR-like shapes, with
 * the plain TypeScript kernels. Run: `npm run bench` in packages/tensor. Indicative only:
 * timings depend on machine load.
 */
import { FlopMeter, Rng, backward, conv2d, jsKernels, maxPool2d, randn, sum, useKernels } from '../src/index.js';

useKernels(jsKernels);
const rng = Rng.fromSeed('conv-bench');
const cases: [string, number[], number[], number][] = [
  ['MNIST 1→8, 3×3', [32, 1, 28, 28], [8, 1, 3, 3], 1],
  ['MNIST 8→16, 3×3', [32, 8, 14, 14], [16, 8, 3, 3], 1],
  ['CIFAR 3→32, 3×3', [32, 3, 32, 32], [32, 3, 3, 3], 1],
  ['CIFAR 32→64, 3×3', [32, 32, 16, 16], [64, 32, 3, 3], 1],
];
console.log('case'.padEnd(20), 'fwd+bwd ms'.padStart(12), 'GFLOP/s'.padStart(10));
for (const [name, xs, ws, padding] of cases) {
  const x = randn(xs, rng).requireGrad();
  const w = randn(ws, rng).requireGrad();
  const run = () => {
    const y = maxPool2d(conv2d(x, w, { padding }), { kernelSize: 2 });
    backward(sum(y));
  };
  run();
  const times: number[] = [];
  const meter = new FlopMeter();
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    meter.flops = 0;
    meter.measure(run);
    times.push(performance.now() - t0);
  }
  const best = Math.min(...times);
  console.log(name.padEnd(20), best.toFixed(1).padStart(12), (meter.flops / (best * 1e6)).toFixed(2).padStart(10));
}
