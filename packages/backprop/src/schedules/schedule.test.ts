import { describe, expect, it } from 'vitest';
import { sgd } from '../optim/aliases.js';
import { scaleBySchedule } from '../optim/scale.js';
import { chain } from '../optim/transform.js';
import { reduceOnPlateau } from './reduce-on-plateau.js';
import { constant, cosineWithWarmup, exponentialDecay, linearWarmup, oneCycle, stepDecay } from './schedule.js';

describe('learning-rate schedules', () => {
  it('constant', () => {
    expect([0, 10, 1e6].map(constant(0.3))).toEqual([0.3, 0.3, 0.3]);
  });

  it('stepDecay multiplies by gamma every stepSize steps', () => {
    const s = stepDecay({ initial: 1, stepSize: 3, gamma: 0.5 });
    expect([0, 2, 3, 5, 6, 9].map(s)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('exponentialDecay, smooth and staircase, floored at endValue', () => {
    expect(exponentialDecay({ initial: 2, decayRate: 0.5, transitionSteps: 2 })(3)).toBeCloseTo(2 * 0.5 ** 1.5, 12);
    expect(exponentialDecay({ initial: 2, decayRate: 0.5, transitionSteps: 2, staircase: true })(3)).toBe(1);
    expect(exponentialDecay({ initial: 1, decayRate: 0.1, endValue: 0.05 })(5)).toBe(0.05);
  });

  it('cosineWithWarmup: linear up to peak, half cosine down to end', () => {
    const s = cosineWithWarmup({ peak: 1, warmupSteps: 4, decaySteps: 14, end: 0.1 });
    expect(s(0)).toBe(0);
    expect(s(2)).toBe(0.5);
    expect(s(4)).toBe(1);
    expect(s(9)).toBeCloseTo(0.55, 12); // halfway down: end + (peak − end)/2
    expect(s(14)).toBeCloseTo(0.1, 12);
    expect(s(100)).toBeCloseTo(0.1, 12);
    expect(() => cosineWithWarmup({ peak: 1, warmupSteps: 5, decaySteps: 5 })).toThrow(/decaySteps > warmupSteps \(5\), got 5/);
  });

  it('oneCycle: maxLr/25 → maxLr at 30 % → maxLr/25e4 at the end (PyTorch OneCycleLR values)', () => {
    const s = oneCycle({ maxLr: 1, totalSteps: 101 });
    expect(s(0)).toBeCloseTo(0.04, 12);
    expect(s(29)).toBeCloseTo(1, 12);
    expect(s(100)).toBeCloseTo(0.04 / 1e4, 12);
    for (let t = 1; t <= 29; t++) expect(s(t)).toBeGreaterThan(s(t - 1));
    for (let t = 30; t <= 100; t++) expect(s(t)).toBeLessThan(s(t - 1));
  });
});

describe('linearWarmup', () => {
  it('ramps (t + 1) / n up to 1, so the first step already moves', () => {
    expect([0, 1, 3, 10].map(linearWarmup(4))).toEqual([0.25, 0.5, 1, 1]);
    const t = scaleBySchedule(linearWarmup(2));
    const [u, s] = t.update(Float32Array.from([8]), t.init(1), new Float32Array(1));
    expect([u[0], t.update(Float32Array.from([8]), s, new Float32Array(1))[0][0]]).toEqual([4, 8]);
    expect(() => linearWarmup(0)).toThrow(/warmupSteps > 0, got 0/);
  });
});

describe('reduceOnPlateau', () => {
  it('is a transform: the last link scales the updates by the observed plateau scale', () => {
    const plateau = reduceOnPlateau({ patience: 0, factor: 0.5 });
    const t = chain(sgd({ lr: 1 }), plateau);
    let s = t.init(1) as unknown[];
    const g = Float32Array.from([2]);
    const p = new Float32Array(1);
    expect(t.update(g, s, p)[0][0]).toBe(-2);
    s = [s[0], plateau.step(plateau.step(s[1] as never, 1), 1)]; // one bad epoch: halve
    expect(t.update(g, s, p)[0][0]).toBe(-1);
    const u = Float32Array.from(g);
    (t.updateInPlace as NonNullable<typeof t.updateInPlace>)(u, s, p);
    expect(u[0]).toBe(-1);
  });

  it('reduces after `patience` epochs without relative improvement, then cools down', () => {
    const p = reduceOnPlateau({ patience: 2, factor: 0.5, cooldown: 1 });
    let s = p.init();
    const scales: number[] = [];
    for (const loss of [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5]) {
      s = p.step(s, loss);
      scales.push(s.scale);
    }
    // bad epochs at 3rd, 4th, 5th value → reduce at the 5th; cooldown swallows the 6th; bad 7th, 8th; 9th improves
    expect(scales).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(s.reductions).toBe(1);
    expect(s.best).toBe(0.5);
    expect(structuredClone(s)).toEqual(s);
  });

  it('respects minScale and rejects bad options', () => {
    const p = reduceOnPlateau({ patience: 0, factor: 0.1, minScale: 0.05 });
    let s = p.init();
    for (let i = 0; i < 5; i++) s = p.step(s, 1);
    expect(s.scale).toBe(0.05);
    expect(() => reduceOnPlateau({ factor: 2 })).toThrow(/factor in \(0, 1\), got 2/);
  });
});
