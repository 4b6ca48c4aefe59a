import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { pictureDataset, pictureInputs } from './picture.js';

describe('picture task', () => {
  it('inputs are (x, y, d) over [−1, 1]², corners at d = 1, centre pixel of an odd grid at 0', () => {
    const x = pictureInputs(5);
    expect(Array.from(x.subarray(0, 3))).toEqual([-1, -1, expect.closeTo(1, 6)]);
    expect(Array.from(x.subarray(3 * 12, 3 * 13))).toEqual([0, 0, 0]);
  });

  it('rings: ½ + ½cos(3πd), bright at the centre', () => {
    const data = pictureDataset('rings', 5);
    expect(data.y[12]).toBeCloseTo(1, 6);
    expect(data.y[0]).toBeCloseTo(0.5 + 0.5 * Math.cos(3 * Math.PI), 6);
  });

  it('splits every pixel once; same seed, same split', () => {
    const a = createSupervisedTask('picture', 3, { size: 10, picture: 'circle' });
    const b = createSupervisedTask('picture', 3, { size: 10, picture: 'circle' });
    expect(a.train.x.shape[0] + a.validation.x.shape[0] + a.test.x.shape[0]).toBe(100);
    expect(a.inputShape).toEqual([3]);
    expect(Array.from(a.train.y.data)).toEqual(Array.from(b.train.y.data));
  });
});
