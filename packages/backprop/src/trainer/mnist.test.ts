import { type SupervisedTask, sequential } from '@evoprop/core';
import { conv2dLayer, flattenLayer, maxPool2dLayer, dense } from '@evoprop/core/layers';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { BackpropTrainer } from './backprop-trainer.js';

// The short version of the MNIST goal: a seeded subset (4k train / 1k test), a
// 784-64-10 ReLU MLP, Adam, 3 epochs. A linear model gets ~85 % here; chance is 10 %.
describe('BackpropTrainer on MNIST', () => {
  it('clears 90 % test accuracy on a 4k-sample subset in 3 epochs', async () => {
    const task = createTask('mnist', 1, { trainSize: 4000, validationSize: 500, testSize: 1000 }) as SupervisedTask;
    const trainer = new BackpropTrainer({
      optimizer: { name: 'adam', learningRate: 2e-3 },
      batchSize: 64,
      hidden: [64],
      activation: 'relu',
    });
    const r = await trainer.fit({ task, rng: Rng.fromSeed(1), budget: { epochs: 3 } });
    expect(r.status).toBe('budget-exhausted');
    expect(r.metrics.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.history.at(-1)?.metrics['val.accuracy']).toBeGreaterThanOrEqual(0.83); // 500 held-out train images: harder than the test set here (nearest-centroid: 78 % vs 83 %)
  }, 180_000);

  // The conv net of the accuracy benchmark (5×5×8 → pool → 5×5×16 → pool → 10), 3 epochs on a
  // 3k subset with the benchmark's Adam 3e-3 / batch 64 (the full run reaches 99.0 %).
  it('trains the small conv net past 93 % test accuracy on a 3k-sample subset in 3 epochs', async () => {
    const task = createTask('mnist', 1, { trainSize: 3000, validationSize: 200, testSize: 1000, layout: 'image' }) as SupervisedTask;
    const model = sequential(
      [
        conv2dLayer(8, 5, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
        maxPool2dLayer(2),
        conv2dLayer(16, 5, { activation: 'relu', kernelInitializer: 'glorotUniform' }),
        maxPool2dLayer(2),
        flattenLayer(),
        dense(10),
      ],
      { inputShape: [1, 28, 28], rng: Rng.fromSeed(1) },
    );
    const trainer = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 3e-3 }, batchSize: 64 });
    const r = await trainer.fit({ task, model, rng: Rng.fromSeed(1), budget: { epochs: 3 } });
    expect(r.status).toBe('budget-exhausted');
    expect(r.metrics.accuracy).toBeGreaterThanOrEqual(0.93);
  }, 180_000);
});
