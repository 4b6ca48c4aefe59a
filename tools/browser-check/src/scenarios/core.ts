// @evoprop/core (with tensor): build a model from layers, hand-written SGD on XOR, save and reload the model file.
import { evaluateModel, lossFor, sequential } from '@evoprop/core';
import { loadModel, saveModel } from '@evoprop/core/io';
import { dense } from '@evoprop/core/layers';
import { xorTask } from '@evoprop/core/testing';
import { Rng, backward, setKernels } from '@evoprop/tensor';
import { type Digest, fingerprint } from '../digest.js';

// The reference XOR task of core's test kit: the four points, train = validation = test.
const task = xorTask();

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
