import { BackpropTrainer } from '@evoprop/backprop';
import { type SupervisedTask, dense, mlp, relu, sequential } from '@evoprop/core';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { bottleneckLayer, encoderOf, fewLabelTask, probeEncoder, stratifiedSample } from './autoencoder.js';
import { TransferError } from './errors.js';

describe('autoencoder helpers', () => {
  it('bottleneckLayer finds the code layer (an activation layer right after it goes with it)', () => {
    const ae = mlp({ inputSize: 8, hidden: [6, 2, 6], outputSize: 8, activation: 'relu' }, Rng.fromSeed(1));
    expect(bottleneckLayer(ae)).toBe('dense2');
    expect(encoderOf(ae).outputShape).toEqual([2]);
    const separate = sequential([dense(6), relu(), dense(3), relu(), dense(6), dense(8)], { inputShape: [8], rng: Rng.fromSeed(1) });
    expect(bottleneckLayer(separate)).toBe('relu2');
  });

  it('stratifiedSample: the same count of every class, seeded, sorted', () => {
    const labels = new Tensor(
      Float32Array.from({ length: 90 }, (_, i) => i % 3),
      [90],
    );
    const pick = stratifiedSample(labels, 3, 10, Rng.fromSeed(1));
    expect(Array.from(pick, (i) => labels.data[i]).sort()).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(pick).toEqual(stratifiedSample(labels, 3, 10, Rng.fromSeed(1)));
    expect([...pick]).toEqual([...pick].sort((a, b) => a - b));
    expect(() => stratifiedSample(labels, 3, 100, Rng.fromSeed(1))).toThrow(TransferError);
  });

  it('an autoencoder trained on the 2-D manifold reconstructs it, and its 1-value code orders the arc', async () => {
    const task = createSupervisedTask('manifold-2d', 1);
    const r = await new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.03 }, batchSize: 60, hidden: [16, 1, 16] }).fit({
      task,
      rng: Rng.fromSeed(1),
      budget: { epochs: 60 },
    });
    // The points' own variance is ≈ 0.2 per coordinate; through a 1-value code the arc comes back (0.0092 measured).
    expect(r.metrics.mse).toBeLessThan(0.02);
    // Three thirds of the arc are three intervals of the code: a linear probe separates two of them
    // from the third at least (a softmax on one number still ranks them).
    const probe = probeEncoder(r.model, task, { labels: 60, rng: Rng.fromSeed(2), iterations: 300 });
    expect(probe.codeSize).toBe(1);
    expect(probe.accuracy).toBeGreaterThan(0.8);
  }, 20_000);

  it('fewLabelTask: a classification task from labelled clean images; refuses a task without labels', () => {
    const task = createSupervisedTask('mnist-denoising', 1, { trainSize: 300, validationSize: 50, testSize: 60 });
    const few = fewLabelTask(task, 20, Rng.fromSeed(3));
    expect(few).toMatchObject({ problem: 'classification', outputSize: 10, inputShape: [784], metric: 'accuracy' });
    expect(few.train.x.shape).toEqual([20, 784]);
    expect(new Set(few.train.y.data).size).toBe(10);
    // Clean images, not the masked inputs the autoencoder saw.
    expect(few.test.x.data).toBe(task.test.y.data);
    expect(() =>
      fewLabelTask(createSupervisedTask('mnist', 1, { trainSize: 100, validationSize: 10, testSize: 10 }), 10, Rng.fromSeed(1)),
    ).toThrow(/an unsupervised task/);
    const unlabelled: SupervisedTask = {
      ...task,
      unsupervised: { objective: 'autoencoding', noise: 'none', noiseLevel: 0 },
    } as SupervisedTask;
    expect(() => fewLabelTask(unlabelled, 10, Rng.fromSeed(1))).toThrow(/with probe labels/);
  });
});
