// @evoprop/core (with tensor): build a model from layers, hand-written SGD on XOR, save and reload the model file.
import { type SupervisedTask, dense, evaluateModel, loadModel, lossFor, saveModel, sequential } from '@evoprop/core';
import { Rng, backward, fromArray, setKernels } from '@evoprop/tensor';
import { type Digest, fingerprint } from '../digest.js';

const xor = {
  x: fromArray([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]),
  y: fromArray([0, 1, 1, 0]),
};
const task: SupervisedTask = {
  id: 'xor',
  seed: 0,
  description: 'XOR of two bits',
  kind: 'supervised',
  inputShape: [2],
  outputSize: 2,
  problem: 'classification',
  loss: 'softmax-cross-entropy',
  metric: 'accuracy',
  train: xor,
  validation: xor,
  test: xor,
};

/** 300 SGD steps of a 2-8-2 tanh network on XOR; the saved file's bytes and the reloaded model's outputs. */
export async function run(): Promise<Digest> {
  setKernels('wasm', { threads: 1, fma: false });
  const model = sequential([dense(8, { activation: 'tanh' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(0) });
  const loss = lossFor(task.loss);
  for (let step = 0; step < 300; step++) {
    model.params.zeroGrad();
    backward(loss(model.forward(task.train.x, 'train'), task.train.y));
    for (let i = 0; i < model.params.size; i++) model.params.vector[i] = (model.params.vector[i] ?? 0) - 0.5 * (model.params.grads[i] ?? 0);
  }
  const file = saveModel(model);
  const again = loadModel(file);
  return {
    metrics: evaluateModel(model, task.test, task),
    params: fingerprint(model.params.vector),
    file: fingerprint(file),
    reloaded: fingerprint(again.forward(task.test.x).data),
  };
}
