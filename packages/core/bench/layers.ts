// Forward + backward time and FLOPs of representative models (one thread, plain JS kernels
// unless the tensor package activates faster ones). Run: npm run bench
import { FlopMeter, Rng, backward, fromArray, randn } from '@evoprop/tensor';
import {
  conv2d,
  dense,
  flatten,
  lstm,
  maxPool2d,
  mlp,
  relu,
  saveModel,
  loadModel,
  sequential,
  softmaxCrossEntropyFromLogits,
} from '../src/index.js';
import type { Model } from '../src/index.js';

const rng = Rng.fromSeed(0);

function bench(name: string, model: Model, x: ReturnType<typeof randn>, classes: number, repeats = 5): void {
  const y = fromArray(Array.from({ length: x.shape[0] as number }, (_, i) => i % classes));
  const meter = new FlopMeter();
  const run = () => {
    model.params.zeroGrad();
    backward(softmaxCrossEntropyFromLogits(model.forward(x, 'train'), y));
  };
  run(); // warm-up
  const start = performance.now();
  meter.measure(() => {
    for (let i = 0; i < repeats; i++) run();
  });
  const ms = (performance.now() - start) / repeats;
  const gflops = meter.flops / repeats / (ms * 1e6);
  console.log(
    `${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms/step  ${(meter.flops / repeats / 1e6).toFixed(1).padStart(8)} MFLOP/step  ${gflops.toFixed(2)} GFLOP/s`,
  );
}

bench(
  'mlp 784-128-128-10, batch 256',
  mlp({ inputSize: 784, hidden: [128, 128], outputSize: 10, activation: 'relu' }, rng),
  randn([256, 784], rng),
  10,
);
bench(
  'cnn conv8-pool-conv16-pool-dense, b32',
  sequential(
    [
      conv2d(8, 3, { padding: 'same' }),
      relu(),
      maxPool2d(2),
      conv2d(16, 3, { padding: 'same' }),
      relu(),
      maxPool2d(2),
      flatten(),
      dense(10),
    ],
    {
      inputShape: [1, 28, 28],
      rng,
    },
  ),
  randn([32, 1, 28, 28], rng),
  10,
);
bench('lstm(64) over 28×28 rows, batch 32', sequential([lstm(64), dense(10)], { inputShape: [28, 28], rng }), randn([32, 28, 28], rng), 10);

const big = mlp({ inputSize: 784, hidden: [512, 512], outputSize: 10 }, rng);
let t = performance.now();
const bytes = saveModel(big);
const saveMs = performance.now() - t;
t = performance.now();
loadModel(bytes);
console.log(`save ${(bytes.length / 1e6).toFixed(2)} MB model: ${saveMs.toFixed(1)} ms, load: ${(performance.now() - t).toFixed(1)} ms`);
