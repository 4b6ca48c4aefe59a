// The README's first example, run as written (imports by package name).
import { Rng, backward, fromArray } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { dense, evaluateModel, loadModel, lossFor, saveModel, sequential } from '@evoprop/core';
import { xorTask } from '@evoprop/core/testing';

describe('README example', () => {
  it('builds, trains, evaluates, saves and loads', () => {
    const task = xorTask();
    const model = sequential([dense(8, { activation: 'tanh' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(0) });
    expect(model.params.names).toEqual(['dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias']);
    const loss = lossFor(task.loss);
    for (let step = 0; step < 300; step++) {
      model.params.zeroGrad();
      backward(loss(model.forward(task.train.x, 'train'), task.train.y));
      for (let i = 0; i < model.params.size; i++) model.params.vector[i] -= 0.5 * (model.params.grads[i] as number);
    }
    const metrics = evaluateModel(model, task.test, task);
    expect(metrics.accuracy).toBe(1);
    expect(metrics.loss).toBeLessThan(0.05);
    const again = loadModel(saveModel(model));
    const x = fromArray([[1, 0]]);
    expect(again.forward(x).data).toEqual(model.forward(x).data);
  });
});
