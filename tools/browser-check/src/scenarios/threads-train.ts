// A least-squares fit through a tanh layer on the wasm kernels with 3 threads: products large enough
// (256 × 128 × 128) that the gemm splits them into row blocks for its helper threads.
import {
  Rng,
  backward,
  fromArray,
  kernels,
  matmul,
  mean,
  mul,
  noGrad,
  randn,
  setKernels,
  square,
  sub,
  tanh,
  transpose,
  wasmGemmThreadStats,
} from '@evoprop/tensor';
import { type Digest, fingerprint } from '../digest.js';

/** The losses and weights (compared), and how the row blocks were shared out (`runtime`, not compared). */
export async function train(): Promise<Digest> {
  setKernels('wasm', { threads: 3, fma: false });
  const rng = Rng.fromSeed(12);
  const x = randn([256, 128], rng.fork('x'));
  // Helper Web Workers start once this worker's event loop runs: products, yielding between them,
  // until one has helped (at most 30 s). Node's threads need no wait but take the same path.
  for (const until = Date.now() + 30_000; (wasmGemmThreadStats(3)?.helped ?? 0) === 0 && Date.now() < until; ) {
    noGrad(() => matmul(x, transpose(x)));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const y = noGrad(() => matmul(tanh(matmul(x, randn([128, 128], rng.fork('w')))), randn([128, 1], rng.fork('v'))));
  let w1 = mul(randn([128, 128], rng.fork('w1')), 0.1);
  let w2 = mul(randn([128, 1], rng.fork('w2')), 0.1);
  const losses: number[] = [];
  for (let step = 0; step < 15; step++) {
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
  return {
    kernels: kernels().name,
    losses,
    w1: fingerprint(w1.data),
    w2: fingerprint(w2.data),
    runtime: wasmGemmThreadStats(3),
  };
}
