import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { nearestNeighbourAccuracy } from '../testing/nearest-neighbour.js';
import { irisDataset } from './iris.js';

describe('iris', () => {
  it('150 samples, 4 features, 50 of each class; the first flower is 5.1, 3.5, 1.4, 0.2 setosa', () => {
    const d = irisDataset();
    expect(d.n).toBe(150);
    expect(Array.from(d.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(d.y[0]).toBe(0);
  });

  it('stratified 90/30/30 split, standardised with train statistics only', () => {
    const task = createSupervisedTask('iris', 1);
    expect([task.train.x.shape[0], task.validation.x.shape[0], task.test.x.shape[0]]).toEqual([90, 30, 30]);
    const perClass = [0, 0, 0];
    for (const y of task.test.y.data) perClass[y]++;
    expect(perClass).toEqual([10, 10, 10]);
    for (let j = 0; j < 4; j++) {
      let sum = 0;
      for (let i = 0; i < 90; i++) sum += task.train.x.data[i * 4 + j];
      expect(sum / 90).toBeCloseTo(0, 5);
    }
    // Test statistics are not refitted, so the test mean is not exactly zero.
    let testSum = 0;
    for (let i = 0; i < 30; i++) testSum += task.test.x.data[i * 4];
    expect(Math.abs(testSum / 30)).toBeGreaterThan(1e-4);
  });

  it('features and species stay aligned: 1-NN on the train split gets the test split mostly right', () => {
    const task = createSupervisedTask('iris', 3);
    expect(nearestNeighbourAccuracy(task.train, task.test)).toBeGreaterThan(0.85);
  });
});
