/**
 * The benchmark's reference implementations in TensorFlow.js, trained the way a tfjs user
 * would (layers API, Adam, softmax cross-entropy, `trainOnBatch`).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type Backend = 'cpu' | 'wasm';
export type Arch = 'mlp' | 'conv';

/** Select a tfjs backend; wasm binaries are read from the package's dist folder on disk (no network). */
export async function useTfBackend(backend: Backend): Promise<void> {
  if (backend === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    // Emscripten's worker threads do not start under Node: force the single-threaded SIMD binary.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(`${join(dist, '/')}`);
  }
  await tf.setBackend(backend);
  await tf.ready();
}

export function tfModel(arch: Arch, seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const model = tf.sequential();
  if (arch === 'mlp') {
    model.add(tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: init(1) }));
    model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(2) }));
    model.add(tf.layers.dense({ units: 10, kernelInitializer: init(3) }));
  } else {
    model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu', kernelInitializer: init(1) }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu', kernelInitializer: init(2) }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 10, kernelInitializer: init(3) }));
  }
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  return model;
}

/**
 * Train `steps` batches of `batchSize` from `x` ([n, 784] pixels in [0, 1]) and labels `y`;
 * returns samples per second, after `warmup` untimed steps.
 */
export async function tfTrainSpeed(
  arch: Arch,
  x: Float32Array,
  y: Uint8Array,
  o: Readonly<{ batchSize: number; steps: number; warmup: number; seed: number }>,
): Promise<number> {
  const model = tfModel(arch, o.seed);
  const n = y.length;
  const batches = Math.floor(n / o.batchSize);
  const step = async (k: number) => {
    const b = k % batches;
    const xs = x.subarray(b * o.batchSize * 784, (b + 1) * o.batchSize * 784);
    const ys = y.subarray(b * o.batchSize, (b + 1) * o.batchSize);
    const shape: [number, number] | [number, number, number, number] = arch === 'mlp' ? [o.batchSize, 784] : [o.batchSize, 28, 28, 1];
    const xt = tf.tensor(xs, shape);
    const yt = tf.oneHot(tf.tensor1d(Int32Array.from(ys), 'int32'), 10);
    await model.trainOnBatch(xt, yt);
    xt.dispose();
    yt.dispose();
  };
  for (let k = 0; k < o.warmup; k++) await step(k);
  const t0 = performance.now();
  for (let k = 0; k < o.steps; k++) await step(o.warmup + k);
  const seconds = (performance.now() - t0) / 1000;
  model.dispose();
  return (o.steps * o.batchSize) / seconds;
}
