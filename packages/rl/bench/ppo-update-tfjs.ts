/**
 * The PPO update of `ppo-update-evoprop.ts` written in TensorFlow.js as a tfjs user would
 * (`tf.variableGrads`, a global-norm clip, `tf.train.adam`), on the wasm backend (SIMD, one
 * thread), on the same synthetic rollout.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { syntheticRollout, updateShape } from './ppo-update-data.js';

async function useWasm(): Promise<void> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  // Emscripten's worker threads do not start under Node: the single-threaded SIMD binary.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(`${join(dist, '/')}`);
  await tf.setBackend('wasm');
  await tf.ready();
}

function mlp(outputs: number, seed: number): tf.Sequential {
  const model = tf.sequential();
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  model.add(tf.layers.dense({ inputShape: [updateShape.observationSize], units: 64, activation: 'tanh', kernelInitializer: init(1) }));
  model.add(tf.layers.dense({ units: 64, activation: 'tanh', kernelInitializer: init(2) }));
  model.add(tf.layers.dense({ units: outputs, kernelInitializer: init(3) }));
  return model;
}

/** Seconds of one update (best of `repeats`, after one untimed warm-up update). */
export async function tfPpoUpdateSeconds(repeats: number): Promise<number> {
  await useWasm();
  const data = syntheticRollout();
  const { transitions, epochs, batchSize, clipRange, valueCoefficient, entropyCoefficient, maxGradNorm, learningRate } = updateShape;
  const policy = mlp(2, 1);
  const critic = mlp(1, 11);
  const variables = [...policy.trainableWeights, ...critic.trainableWeights].map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.adam(learningRate, 0.9, 0.999, 1e-5);
  const obs = tf.tensor2d(data.observations, [transitions, updateShape.observationSize]);
  const actions = tf.tensor1d(Int32Array.from(data.actions), 'int32');
  const oldLogp = tf.tensor1d(data.logProbs);
  const advantages = tf.tensor1d(data.advantages);
  const returns = tf.tensor1d(data.returns);

  const update = (): void => {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = data.orders[epoch];
      for (let start = 0; start < transitions; start += batchSize) {
        tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, start + batchSize), 'int32');
          const x = tf.gather(obs, idx);
          const a = tf.gather(actions, idx);
          const old = tf.gather(oldLogp, idx);
          const ret = tf.gather(returns, idx);
          const rawAdv = tf.gather(advantages, idx);
          const { mean, variance } = tf.moments(rawAdv);
          const adv = tf.div(tf.sub(rawAdv, mean), tf.add(tf.sqrt(tf.mul(variance, batchSize / (batchSize - 1))), 1e-8));
          const { grads } = tf.variableGrads(() => {
            const logits = policy.apply(x) as tf.Tensor2D;
            const logAll = tf.logSoftmax(logits);
            const logp = tf.sum(tf.mul(logAll, tf.oneHot(a, 2)), 1);
            const ratio = tf.exp(tf.sub(logp, old));
            const surrogate = tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 1 - clipRange, 1 + clipRange), adv));
            const policyLoss = tf.neg(tf.mean(surrogate));
            const value = tf.reshape(critic.apply(x) as tf.Tensor, [batchSize]);
            const valueLoss = tf.mean(tf.square(tf.sub(ret, value)));
            const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logAll), logAll), 1)));
            return tf.add(tf.add(policyLoss, tf.mul(valueLoss, valueCoefficient)), tf.mul(entropy, -entropyCoefficient)) as tf.Scalar;
          }, variables);
          const list = variables.map((v) => grads[v.name] as tf.Tensor);
          const norm = tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g)))));
          const scale = tf.minimum(tf.div(maxGradNorm, tf.maximum(norm, 1e-12)), 1);
          optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: tf.mul(list[i] as tf.Tensor, scale) })));
        });
      }
    }
  };
  update();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    update();
    (variables[0] as tf.Variable).dataSync();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
