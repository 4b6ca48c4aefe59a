import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { addingProblem, copyTask, memoryTask } from './sequence-tasks.js';

describe('adding problem', () => {
  it('two markers, one per half; target = sum of the marked values', () => {
    const d = addingProblem(Rng.fromSeed(1), 200, 11);
    for (let i = 0; i < d.n; i++) {
      const marked: number[] = [];
      let sum = 0;
      for (let t = 0; t < 11; t++) {
        if (d.x[i * 22 + 2 * t + 1] === 1) {
          marked.push(t);
          sum += d.x[i * 22 + 2 * t];
        }
      }
      expect(marked.length).toBe(2);
      expect(marked[0]).toBeLessThan(5);
      expect(marked[1]).toBeGreaterThanOrEqual(5);
      expect(d.y[i]).toBeCloseTo(sum, 6);
    }
  });

  it('task: inputs [n, length, 2], targets [n, 1], predicting 1 scores MSE ≈ 1/6', () => {
    const task = createSupervisedTask('adding', 3, { samples: 5000, length: 20 });
    expect(task.train.x.shape).toEqual([3000, 20, 2]);
    expect(task.train.y.shape).toEqual([3000, 1]);
    let mse = 0;
    for (const v of task.train.y.data) mse += (v - 1) ** 2;
    expect(mse / 3000).toBeCloseTo(1 / 6, 1);
  });
});

describe('copy task', () => {
  it('the last copyLength targets replay the first copyLength input symbols; the delimiter sits before them', () => {
    const [delay, symbols, copyLength] = [5, 4, 3];
    const d = copyTask(Rng.fromSeed(2), 50, delay, symbols, copyLength);
    const time = delay + 2 * copyLength;
    const features = symbols + 2;
    expect(d.sampleShape).toEqual([time, features]);
    const category = (i: number, t: number) => d.x.subarray((i * time + t) * features, (i * time + t + 1) * features).indexOf(1);
    for (let i = 0; i < 50; i++) {
      for (let t = 0; t < time; t++) {
        expect(d.x.subarray((i * time + t) * features, (i * time + t + 1) * features).reduce((a, b) => a + b, 0)).toBe(1);
      }
      expect(category(i, copyLength + delay - 1)).toBe(symbols + 1);
      for (let k = 0; k < copyLength; k++) expect(d.y[i * time + delay + copyLength + k]).toBe(category(i, k));
      for (let t = 0; t < delay + copyLength; t++) expect(d.y[i * time + t]).toBe(0);
    }
  });

  it('task: per-step class targets [n, time] with targetShape and blank + symbols classes', () => {
    const task = createSupervisedTask('copy', 1, { samples: 100, delay: 10 });
    expect(task.train.y.shape).toEqual([60, 30]);
    expect(task.targetShape).toEqual([30]);
    expect(task.outputSize).toBe(9);
  });
});

describe('memory task', () => {
  it('the target is the symbol at step 0; the query marker is at the last step', () => {
    const d = memoryTask(Rng.fromSeed(3), 30, 7, 5);
    for (let i = 0; i < 30; i++) {
      const at = (t: number) => d.x.subarray((i * 7 + t) * 7, (i * 7 + t + 1) * 7).indexOf(1);
      expect(at(0) - 1).toBe(d.y[i]);
      expect(at(6)).toBe(6);
      expect(at(3)).toBe(0);
    }
    expect(createSupervisedTask('memory', 1, { length: 12 }).inputShape).toEqual([12, 10]);
  });
});
