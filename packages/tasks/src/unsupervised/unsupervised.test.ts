import { Rng, Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { TaskOptionsError } from '../errors.js';
import { createSupervisedTask, createTask } from '../registry/registry.js';
import { corrupt, isUnsupervisedTask } from './reconstruction.js';

const small = { trainSize: 200, validationSize: 50, testSize: 100 };
// NOTE: toEqual walks a typed array element by element through generic equality (seconds for 10⁵ values).
const same = (a: Float32Array, b: Float32Array | undefined): boolean =>
  b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

describe('mnist-autoencoder', () => {
  const task = createSupervisedTask('mnist-autoencoder', 1, small);
  const labelled = createSupervisedTask('mnist', 1, small);

  it('is a regression on its own pixels: targets are the inputs (one buffer), labels kept aside for probes', () => {
    expect(isUnsupervisedTask(task)).toBe(true);
    expect(isUnsupervisedTask(labelled)).toBe(false);
    expect(task).toMatchObject({ problem: 'regression', outputSize: 784, loss: 'binary-cross-entropy', metric: 'mse', inputShape: [784] });
    expect(task.train.y.shape).toEqual([200, 784]);
    expect(task.train.y.data).toBe(task.train.x.data);
    // Labels only under `unsupervised`: one digit per test image.
    const labels = task.unsupervised?.labels?.test;
    expect(labels?.shape).toEqual([100]);
    expect(labels?.data.every((c) => Number.isInteger(c) && c >= 0 && c <= 9)).toBe(true);
    expect(task.unsupervised).toMatchObject({ objective: 'autoencoding', noise: 'none', noiseLevel: 0, imageShape: [1, 28, 28] });
    expect(task.unsupervised?.labels?.classes).toBe(10);
  });

  it('image layout: 1×28×28 inputs for a conv encoder, flat 784 targets', () => {
    const image = createSupervisedTask('mnist-autoencoder', 1, { ...small, layout: 'image', loss: 'mse' });
    expect(image.inputShape).toEqual([1, 28, 28]);
    expect(image.train.y.shape).toEqual([200, 784]);
    expect(image.loss).toBe('mse');
    expect(image.recommendedModel).toEqual({ hidden: [256, 32, 256], activation: 'relu' });
  });

  it('refuses standardised pixels (targets must stay in [0, 1])', () => {
    expect(() => createTask('mnist-autoencoder', 1, { scaling: 'standardise' })).toThrow(TaskOptionsError);
  });
});

describe('mnist-denoising', () => {
  it('masks about 30 % of the input pixels by default; targets stay clean; seeded', () => {
    const clean = createSupervisedTask('mnist-denoising', 2, { ...small, noiseLevel: 0 });
    const task = createSupervisedTask('mnist-denoising', 2, small);
    expect(task.unsupervised).toMatchObject({ objective: 'denoising', noise: 'mask', noiseLevel: 0.3 });
    expect(same(clean.train.x.data, clean.train.y.data)).toBe(true);
    expect(same(task.train.y.data, clean.train.x.data)).toBe(true);
    let lit = 0;
    let masked = 0;
    let altered = 0;
    task.train.x.data.forEach((v, i) => {
      const c = clean.train.x.data[i] as number;
      if (c > 0) {
        lit++;
        if (v === 0) masked++;
        else if (v !== c) altered++;
      }
    });
    expect(altered).toBe(0);
    expect(masked / lit).toBeGreaterThan(0.27);
    expect(masked / lit).toBeLessThan(0.33);
    expect(same(createSupervisedTask('mnist-denoising', 2, small).train.x.data, task.train.x.data)).toBe(true);
  });

  it('gaussian noise is clipped to the pixel range', () => {
    const task = createSupervisedTask('mnist-denoising', 2, { ...small, noise: 'gaussian', noiseLevel: 0.5 });
    let changed = 0;
    let outside = 0;
    task.test.x.data.forEach((v, i) => {
      if (v < 0 || v > 1) outside++;
      if (v !== task.test.y.data[i]) changed++;
    });
    expect(outside).toBe(0);
    expect(changed / task.test.x.size).toBeGreaterThan(0.5);
  });
});

describe('manifold-2d', () => {
  it('points near a spiral arc, three arc-third labels, a 1-value code recommended', () => {
    const task = createSupervisedTask('manifold-2d', 3);
    expect(task.inputShape).toEqual([2]);
    expect(task.outputSize).toBe(2);
    expect(task.train.x.shape[0]).toBe(360);
    expect(task.recommendedModel?.hidden).toEqual([16, 1, 16]);
    const labels = task.unsupervised?.labels;
    expect(new Set(labels?.train.data)).toEqual(new Set([0, 1, 2]));
    // Every point lies within a few jitter widths of radius 0.3 … 1.
    const radii = Array.from({ length: 360 }, (_, i) =>
      Math.hypot(task.train.x.data[2 * i] as number, task.train.x.data[2 * i + 1] as number),
    );
    expect(radii.filter((r) => r < 0.2 || r > 1.1)).toEqual([]);
  });
  it('takes only mse (the points are not probabilities)', () => {
    expect(() => createTask('manifold-2d', 1, { loss: 'binary-cross-entropy' })).toThrow(TaskOptionsError);
  });
});

describe('corrupt', () => {
  it("'none' returns the tensor itself; the others a copy", () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4), [2, 2]);
    expect(corrupt(x, 'none', 0.5, Rng.fromSeed(0))).toBe(x);
    expect(corrupt(x, 'mask', 1, Rng.fromSeed(0)).data).toEqual(new Float32Array(4));
    expect(x.data).toEqual(Float32Array.of(1, 2, 3, 4));
  });
});
