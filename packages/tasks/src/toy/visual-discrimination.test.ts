import { describe, expect, it } from 'vitest';
import { createSupervisedTask } from '../registry/registry.js';
import { allVisualTrials, paperVisualTrials, visualDataset } from './visual-discrimination.js';

describe('visual discrimination task (Stanley, D’Ambrosio & Gauci 2009)', () => {
  it("the paper's 75 trials: 25 small-object places × box 5 right, down and diagonal, wrapped and moved into view", () => {
    const trials = paperVisualTrials();
    expect(trials).toHaveLength(75);
    // Small object at (0, 0): the box 5 to the right is centred at (5, 0), moved down into view to (5, 1).
    expect(trials[0]).toEqual({ big: [5, 1], small: [0, 0] });
    // Small at (8, 0), right: 13 wraps to 2, moved into view at row 1.
    expect(trials[3]).toEqual({ big: [2, 1], small: [8, 0] });
    // The diagonal of the last place (10, 10): 15 wraps to 4 in both axes.
    expect(trials[74]).toEqual({ big: [4, 4], small: [10, 10] });
    for (const t of trials) {
      // Wholly in view, and never touching the small object.
      for (const v of t.big) expect(v >= 1 && v <= 9).toBe(true);
      expect(Math.max(Math.abs(t.big[0] - t.small[0]), Math.abs(t.big[1] - t.small[1]))).toBeGreaterThanOrEqual(2);
    }
  });

  it('retinas hold 10 lit pixels, the class is the box centre', () => {
    const data = visualDataset([{ big: [1, 1], small: [10, 10] }]);
    expect(Array.from(data.x).reduce((a, b) => a + b, 0)).toBe(10);
    expect(data.x[0]).toBe(1);
    expect(data.x[2 * 11 + 2]).toBe(1);
    expect(data.x[3 * 11 + 3]).toBe(0);
    expect(data.x[120]).toBe(1);
    expect(data.y[0]).toBe(12);
  });

  it('the test split is every placement (81 centres × 112 free pixels); same seed, same validation split', () => {
    expect(allVisualTrials()).toHaveLength(81 * 112);
    const a = createSupervisedTask('visual-discrimination', 4, { validationSize: 50 });
    const b = createSupervisedTask('visual-discrimination', 4, { validationSize: 50 });
    expect(a.inputShape).toEqual([121]);
    expect(a.outputSize).toBe(121);
    expect(a.train.x.shape).toEqual([75, 121]);
    expect(createSupervisedTask('visual-discrimination', 4, { validationSize: 5, layout: 'grid' }).train.x.shape).toEqual([75, 11, 11]);
    expect(a.test.x.shape[0]).toBe(9072);
    expect(Array.from(a.validation.y.data)).toEqual(Array.from(b.validation.y.data));
    const c = createSupervisedTask('visual-discrimination', 5, { validationSize: 50 });
    expect(Array.from(c.validation.y.data)).not.toEqual(Array.from(a.validation.y.data));
  });
});
