import { Rng, ShapeError, Tensor, ValueError } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { linearProbe } from './linear-probe.js';

/** n points per class around k well-separated centres in d dimensions (plus `junk` constant and noise columns). */
function blobs(seed: number, n: number, k: number, d: number): { x: Tensor; y: Tensor } {
  const rng = Rng.fromSeed(seed);
  const centres = Array.from({ length: k }, (_, c) => Array.from({ length: d }, (_, j) => (j === c % d ? 4 : 0) + (c >= d ? -4 : 0)));
  const x = new Float32Array(n * k * (d + 2));
  const y = new Float32Array(n * k);
  for (let i = 0; i < n * k; i++) {
    const c = i % k;
    y[i] = c;
    for (let j = 0; j < d; j++) x[i * (d + 2) + j] = (centres[c]?.[j] as number) + rng.normal();
    x[i * (d + 2) + d] = 7; // a dead unit: constant
    x[i * (d + 2) + d + 1] = rng.normal(); // pure noise
  }
  return { x: new Tensor(x, [n * k, d + 2]), y: new Tensor(y, [n * k]) };
}

describe('linearProbe', () => {
  it('separates linearly separable classes (a constant feature and a noise feature do no harm)', () => {
    const r = linearProbe(blobs(1, 100, 4, 3), blobs(2, 100, 4, 3), { classes: 4, iterations: 200 });
    expect(r.trainAccuracy).toBeGreaterThan(0.97);
    expect(r.accuracy).toBeGreaterThan(0.95);
    expect(r.trainLoss).toBeLessThan(0.2);
  });
  it('stays near chance where the classes are not linearly separable (XOR of two signs)', () => {
    const xor = (seed: number) => {
      const rng = Rng.fromSeed(seed);
      const x = Float32Array.from({ length: 800 }, () => rng.uniform(-1, 1));
      const y = Float32Array.from({ length: 400 }, (_, i) => ((x[2 * i] as number) * (x[2 * i + 1] as number) > 0 ? 1 : 0));
      return { x: new Tensor(x, [400, 2]), y: new Tensor(y, [400]) };
    };
    const r = linearProbe(xor(1), xor(2), { classes: 2, iterations: 200 });
    expect(r.accuracy).toBeLessThan(0.65);
  });
  it('is deterministic', () => {
    const a = linearProbe(blobs(3, 20, 3, 2), blobs(4, 20, 3, 2), { classes: 3, iterations: 50 });
    const b = linearProbe(blobs(3, 20, 3, 2), blobs(4, 20, 3, 2), { classes: 3, iterations: 50 });
    expect(a).toEqual(b);
  });
  it('picks λ by cross-validation on the training split alone: the test split cannot move the choice', () => {
    const train = blobs(5, 12, 3, 2);
    const grid = [1e-4, 1e-2, 10];
    const a = linearProbe(train, blobs(6, 20, 3, 2), { classes: 3, iterations: 100, l2: grid });
    // Test labels scrambled: the accuracy changes, the pick and the cross-validation do not.
    const scrambled = blobs(6, 20, 3, 2);
    const b = linearProbe(
      train,
      {
        x: scrambled.x,
        y: new Tensor(
          scrambled.y.data.map((c) => (c + 1) % 3),
          scrambled.y.shape,
        ),
      },
      { classes: 3, iterations: 100, l2: grid },
    );
    expect(a.crossValidation.map((c) => c.l2)).toEqual(grid);
    expect(b.crossValidation).toEqual(a.crossValidation);
    expect(b.l2).toBe(a.l2);
    expect(b.accuracy).not.toBe(a.accuracy);
    // λ = 10 shrinks the weights to nearly nothing: cross-validation must not pick it, and the
    // returned fit is the refit at the picked λ (the same as asking for that λ alone).
    expect(a.l2).not.toBe(10);
    const alone = linearProbe(train, blobs(6, 20, 3, 2), { classes: 3, iterations: 100, l2: a.l2 });
    expect(alone.accuracy).toBe(a.accuracy);
    expect(alone.crossValidation).toEqual([]);
  });
  it('picks the larger λ when the features carry no signal (ties go to the stronger penalty)', () => {
    const rng = Rng.fromSeed(9);
    const x = new Tensor(
      Float32Array.from({ length: 60 }, () => rng.normal()),
      [30, 2],
    );
    const y = new Tensor(
      Float32Array.from({ length: 30 }, () => 0),
      [30],
    );
    expect(linearProbe({ x, y }, { x, y }, { classes: 2, iterations: 20, l2: [1e-3, 1] }).l2).toBe(1);
  });
  it('names bad input', () => {
    const good = blobs(1, 5, 2, 2);
    expect(() => linearProbe(good, { x: new Tensor(new Float32Array(6), [2, 3]), y: good.y }, { classes: 2 })).toThrow(ShapeError);
    expect(() => linearProbe(good, good, { classes: 1 })).toThrow(/an integer ≥ 2/);
    expect(() => linearProbe({ x: good.x, y: new Tensor(new Float32Array(10).fill(5), [10]) }, good, { classes: 2 })).toThrow(ValueError);
    expect(() => linearProbe(good, good, { classes: 2, l2: [] })).toThrow(/non-empty list/);
    expect(() => linearProbe(good, good, { classes: 2, l2: [1e-3], folds: 11 })).toThrow(/an integer in 2\.\.10/);
  });
});
