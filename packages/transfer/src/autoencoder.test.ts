import { BackpropTrainer } from '@evoprop/backprop';
import { type SupervisedTask, mlp, sequential } from '@evoprop/core';
import { activation, dense } from '@evoprop/core/layers';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng, Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import {
  bottleneckLayer,
  convAutoencoder,
  encoderOf,
  fewLabelTask,
  probeEncoder,
  probeL2Candidates,
  stratifiedSample,
} from './autoencoder.js';
import { TransferError } from './errors.js';
import { appendLayers } from './surgery.js';

describe('autoencoder helpers', () => {
  it('bottleneckLayer finds the code layer (an activation layer right after it goes with it)', () => {
    const ae = mlp({ inputSize: 8, hidden: [6, 2, 6], outputSize: 8, activation: 'relu' }, Rng.fromSeed(1));
    expect(bottleneckLayer(ae)).toBe('dense2');
    expect(encoderOf(ae).outputShape).toEqual([2]);
    const separate = sequential([dense(6), activation('relu'), dense(3), activation('relu'), dense(6), dense(8)], {
      inputShape: [8],
      rng: Rng.fromSeed(1),
    });
    expect(bottleneckLayer(separate)).toBe('relu2');
  });

  it('a classifier built from encoderOf starts from the autoencoder’s encoder weights, bit for bit (the semi-supervised transfer)', () => {
    const ae = mlp({ inputSize: 8, hidden: [6, 2, 6], outputSize: 8, activation: 'relu' }, Rng.fromSeed(5));
    const classifier = appendLayers(encoderOf(ae), [dense(3, { name: 'head' })], Rng.fromSeed(6));
    for (const name of ['dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias'])
      expect(Array.from(classifier.params.get(name).data)).toEqual(Array.from(ae.params.get(name).data));
    // A fresh network of the same shape does not (what a from-scratch classifier starts from).
    const scratch = mlp({ inputSize: 8, hidden: [6, 2], outputSize: 3, activation: 'relu' }, Rng.fromSeed(5).fork('scratch'));
    expect(Array.from(scratch.params.get('dense1.weight').data)).not.toEqual(Array.from(ae.params.get('dense1.weight').data));
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
    // λ was cross-validated over the default candidates, on the 60 labelled points alone.
    expect(probe.crossValidation.map((c) => c.l2)).toEqual([...probeL2Candidates]);
    expect(probeL2Candidates).toContain(probe.l2);
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

  it('convAutoencoder: [1, 28, 28] → 784 logits through a 32-value code; encoderOf cuts it at `code`; refuses odd shapes', () => {
    const ae = convAutoencoder(Rng.fromSeed(1));
    expect(ae.inputShape).toEqual([1, 28, 28]);
    expect(ae.outputShape).toEqual([784]);
    expect(bottleneckLayer(ae)).toBe('code');
    expect(encoderOf(ae).outputShape).toEqual([32]);
    const y = ae.forward(new Tensor(new Float32Array(2 * 784).fill(0.5), [2, 1, 28, 28]));
    expect(y.shape).toEqual([2, 784]);
    expect(y.data.every(Number.isFinite)).toBe(true);
    const rgb = convAutoencoder(Rng.fromSeed(1), { imageShape: [3, 8, 12], filters: [2, 4], codeSize: 5, codeActivation: 'linear' });
    expect(rgb.outputShape).toEqual([3 * 8 * 12]);
    expect(encoderOf(rgb).outputShape).toEqual([5]);
    expect(() => convAutoencoder(Rng.fromSeed(1), { imageShape: [1, 30, 28] })).toThrow(/divisible by 4.*\[1, 30, 28\]/);
    expect(() => convAutoencoder(Rng.fromSeed(1), { codeSize: 0 })).toThrow(TransferError);
  });

  it('convAutoencoder learns MNIST: 12 epochs on 256 images beat the mean image by more than 10 %', async () => {
    const task = createSupervisedTask('mnist-autoencoder', 1, { trainSize: 256, validationSize: 64, testSize: 128, layout: 'image' });
    // The best constant reconstruction: every test image replaced by the mean training image.
    const d = 784;
    const mean = new Float64Array(d);
    task.train.y.data.forEach((v, i) => {
      mean[i % d] = (mean[i % d] as number) + v / 256;
    });
    let meanImageMse = 0;
    task.test.y.data.forEach((v, i) => {
      meanImageMse += (v - (mean[i % d] as number)) ** 2 / (128 * d);
    });
    const r = await new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 5e-3 }, batchSize: 16 }).fit({
      task,
      model: convAutoencoder(Rng.fromSeed(1), { filters: [4, 8], codeSize: 16 }),
      rng: Rng.fromSeed(1),
      budget: { epochs: 12 },
    });
    // Measured: mean image 0.0675, the autoencoder 0.0538 per pixel (an untrained one is ≈ 0.2).
    expect(r.metrics.mse).toBeLessThan(0.9 * meanImageMse);
  }, 60_000);
});
