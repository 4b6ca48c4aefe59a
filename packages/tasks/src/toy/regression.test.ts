import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { franke } from './regression.js';

describe('regression tasks', () => {
  it('sine: noise-free targets are sin(x), shape [n, 1]', () => {
    const task = createSupervisedTask('sine', 2);
    expect(task.train.y.shape).toEqual([300, 1]);
    for (let i = 0; i < 300; i++) expect(task.train.y.data[i]).toBeCloseTo(Math.sin(task.train.x.data[i]), 5);
  });

  it('x-sin-x: residuals around x·sin(x) have the requested std', () => {
    const task = createSupervisedTask('x-sin-x', 2, { samples: 5000, noise: 0.5 });
    const { x, y } = task.train;
    let ss = 0;
    for (let i = 0; i < y.size; i++) ss += (y.data[i] - x.data[i] * Math.sin(x.data[i])) ** 2;
    expect(Math.sqrt(ss / y.size)).toBeCloseTo(0.5, 1);
  });

  it("franke: 2-D inputs in [0, 1]²; Franke's function has its known value at the origin", () => {
    const task = createSupervisedTask('franke', 2);
    expect(task.inputShape).toEqual([2]);
    expect(task.train.x.shape[1]).toBe(2);
    // 0.75e^{-2} + 0.75e^{-1/49-1/10} + 0.5e^{-49/4-9/4} - 0.2e^{-16-49}
    const expected = 0.75 * Math.exp(-2) + 0.75 * Math.exp(-1 / 49 - 0.1) + 0.5 * Math.exp(-49 / 4 - 9 / 4) - 0.2 * Math.exp(-65);
    expect(franke(0, 0)).toBeCloseTo(expected, 12);
  });
});
