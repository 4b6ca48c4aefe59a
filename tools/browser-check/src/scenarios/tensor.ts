// @evoprop/tensor alone: WebAssembly kernels, ops, autograd and a few gradient-descent steps.
import { Rng, backward, fromArray, kernels, matmul, mean, noGrad, randn, setKernels, square, sub, tanh } from '@evoprop/tensor';
import { type Digest, fingerprint } from '../digest.js';

/** Least squares through a tanh layer by gradient descent, with products large enough for the wasm gemm. */
export async function run(): Promise<Digest> {
  // One thread and no fused multiply-add, so Node 20 and Chromium run the same instructions.
  setKernels('wasm', { threads: 1, fma: false });
  const rng = Rng.fromSeed(11);
  const x = randn([64, 32], rng.fork('x'));
  const y = noGrad(() => matmul(tanh(matmul(x, randn([32, 24], rng.fork('w')))), randn([24, 1], rng.fork('v'))));
  let w1 = randn([32, 24], rng.fork('w1'));
  let w2 = randn([24, 1], rng.fork('w2'));
  const losses: number[] = [];
  for (let step = 0; step < 20; step++) {
    const a = w1.requireGrad();
    const b = w2.requireGrad();
    const loss = mean(square(sub(matmul(tanh(matmul(x, a)), b), y)));
    backward(loss);
    losses.push(loss.item());
    w1 = fromArray(
      a.data.map((v, i) => v - 0.05 * (a.grad?.data[i] ?? 0)),
      a.shape,
    );
    w2 = fromArray(
      b.data.map((v, i) => v - 0.05 * (b.grad?.data[i] ?? 0)),
      b.shape,
    );
  }
  return { kernels: kernels().name, losses, w1: fingerprint(w1.data), w2: fingerprint(w2.data) };
}
