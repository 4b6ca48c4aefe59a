import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { parityTable } from './boolean.js';

describe('boolean tasks', () => {
  it('xor: the four NEAT cases, every split holds all of them', () => {
    const task = createSupervisedTask('xor', 0);
    expect(task.train.x.shape).toEqual([4, 2]);
    const cases = new Map<string, number>();
    for (let i = 0; i < 4; i++) cases.set(`${task.train.x.data[2 * i]},${task.train.x.data[2 * i + 1]}`, task.train.y.data[i]);
    expect(Object.fromEntries(cases)).toEqual({ '0,0': 0, '0,1': 1, '1,0': 1, '1,1': 0 });
    expect(task.test.x.data).toEqual(task.train.x.data);
    expect(task.solvedAt).toBe(1);
  });

  it('xor with binary targets: [4, 1] 0/1 targets, BCE loss', () => {
    const task = createSupervisedTask('xor', 0, { targets: 'binary' });
    expect(task.train.y.shape).toEqual([4, 1]);
    expect(task.loss).toBe('binary-cross-entropy');
    expect(task.outputSize).toBe(1);
  });

  it('parity: all 2^N patterns, target = number of ones mod 2', () => {
    const t = parityTable(5);
    expect(t.n).toBe(32);
    const seen = new Set<string>();
    for (let p = 0; p < 32; p++) {
      const bits = Array.from(t.x.subarray(p * 5, p * 5 + 5));
      seen.add(bits.join(''));
      expect(t.y[p]).toBe(bits.reduce((a, b) => a + b, 0) % 2);
    }
    expect(seen.size).toBe(32);
    expect(createSupervisedTask('parity', 1, { bits: 4 }).train.x.shape).toEqual([16, 4]);
  });
});
