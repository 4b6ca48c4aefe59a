import { Rng, Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { TaskError } from '../errors.js';
import { augmentImages } from './augment.js';
import { kFold, kFoldSplits } from './k-fold.js';
import { applyScaler, fitMinMax, fitStandardiser, invertScaler, scaleSplits } from './scale.js';

const t = (rows: number[][]) => new Tensor(Float32Array.from(rows.flat()), [rows.length, rows[0].length]);

describe('scalers', () => {
  it('standardise: per-feature mean 0, std 1 on the data it was fitted on; constant features untouched in scale', () => {
    const x = t([
      [1, 10, 5],
      [3, 20, 5],
      [5, 60, 5],
    ]);
    const s = fitStandardiser(x);
    expect(Array.from(s.shift)).toEqual([3, 30, 5]);
    const y = applyScaler(s, x);
    expect(y.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 6);
    expect(y.data[2]).toBe(0);
    expect(Array.from(invertScaler(s, y).data)).toEqual(Array.from(x.data));
  });

  it('min-max into a range, and one global statistic with perFeature: false', () => {
    const x = t([
      [0, 2],
      [4, 10],
    ]);
    expect(Array.from(applyScaler(fitMinMax(x, { range: [-1, 1] }), x).data)).toEqual([-1, -1, 1, 1]);
    const global = fitMinMax(x, { perFeature: false });
    expect(Array.from(applyScaler(global, x).data)).toEqual([0, 0.2, 0.4, 1].map(Math.fround));
  });

  it('scaleSplits fits on train only', () => {
    const split = (rows: number[][]) => ({ x: t(rows), y: new Tensor(new Float32Array(rows.length), [rows.length]) });
    const out = scaleSplits({ train: split([[0], [2]]), validation: split([[4]]), test: split([[-2]]) }, 'standardise');
    expect(Array.from(out.train.x.data)).toEqual([-1, 1]);
    expect(Array.from(out.validation.x.data)).toEqual([3]);
    expect(Array.from(out.test.x.data)).toEqual([-3]);
  });
});

describe('image augmentation', () => {
  const image = () => {
    const x = new Float32Array(2 * 9 * 9);
    x[4 * 9 + 4] = 1; // a dot in the centre of image 0
    x[81 + 4 * 9 + 6] = 1; // a dot right of centre in image 1
    return new Tensor(x, [2, 1, 9, 9]);
  };

  it('a pure shift moves the dot by the drawn whole pixels', () => {
    const out = augmentImages(image(), Rng.fromSeed(3), { maxShift: 2, maxRotationDegrees: 0 });
    const at = out.data.subarray(0, 81).indexOf(1);
    const [row, col] = [Math.floor(at / 9), at % 9];
    expect(Math.abs(row - 4)).toBeLessThanOrEqual(2);
    expect(Math.abs(col - 4)).toBeLessThanOrEqual(2);
    expect(out.data.subarray(0, 81).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('a rotation keeps the centre fixed and moves off-centre pixels along a circle; same Rng ⇒ same output', () => {
    const a = augmentImages(image(), Rng.fromSeed(4), { maxShift: 0, maxRotationDegrees: 30 });
    expect(a.data[4 * 9 + 4]).toBeCloseTo(1, 6);
    // Image 1: mass-weighted centroid stays at distance 2 from the centre (bilinear spreads it).
    let [sx, sy, m] = [0, 0, 0];
    for (let i = 0; i < 81; i++) {
      const w = a.data[81 + i];
      sx += w * (i % 9);
      sy += w * Math.floor(i / 9);
      m += w;
    }
    expect(Math.hypot(sx / m - 4, sy / m - 4)).toBeGreaterThan(1.8);
    expect(augmentImages(image(), Rng.fromSeed(4), { maxShift: 0, maxRotationDegrees: 30 }).data).toEqual(a.data);
  });

  it('flat images need an imageShape', () => {
    const flat = new Tensor(new Float32Array(2 * 81), [2, 81]);
    expect(() => augmentImages(flat, Rng.fromSeed(1))).toThrow(TaskError);
    expect(augmentImages(flat, Rng.fromSeed(1), { imageShape: [1, 9, 9] }).shape).toEqual([2, 81]);
  });
});

describe('k-fold', () => {
  it('folds partition the samples, differ in size by at most one, and train is the complement', () => {
    const folds = kFold(23, 5, Rng.fromSeed(1));
    const all = folds.flatMap((f) => Array.from(f.validation)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const f of folds) {
      expect([4, 5]).toContain(f.validation.length);
      expect(f.train.length + f.validation.length).toBe(23);
      expect(Array.from(f.train).some((i) => f.validation.includes(i))).toBe(false);
    }
    expect(() => kFold(3, 4, Rng.fromSeed(1))).toThrow(/k in \[2, 3\]/);
  });

  it('stratified folds keep the class proportions', () => {
    const y = new Tensor(
      Float32Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : 1)),
      [30],
    );
    const x = new Tensor(
      Float32Array.from({ length: 60 }, (_, i) => i),
      [30, 2],
    );
    for (const fold of kFoldSplits({ x, y }, 5, Rng.fromSeed(2), { stratify: true })) {
      expect(Array.from(fold.validation.y.data).filter((v) => v === 1).length).toBe(2);
      expect(fold.train.x.shape).toEqual([24, 2]);
      // Rows stay aligned: x row r is [2r, 2r+1] and its label is r >= 20.
      const r = fold.validation.x.data[0] / 2;
      expect(fold.validation.y.data[0]).toBe(r >= 20 ? 1 : 0);
    }
  });
});
