import { describe, expect, it, vi } from 'vitest';
import { createObjectiveTask } from '../registry/registry.js';
import { ackley, rastrigin, rosenbrock, sphere, styblinskiTang } from './functions.js';

describe('objective functions', () => {
  it('hand-computed values', () => {
    expect(sphere.evaluate(Float64Array.of(1, 2, 3))).toBe(14);
    expect(rosenbrock.evaluate(Float64Array.of(-1.2, 1))).toBeCloseTo(24.2, 12);
    expect(rosenbrock.evaluate(Float64Array.of(0, 0, 0))).toBe(2);
    // Rastrigin at integer points: only x² survives (cos = 1).
    expect(rastrigin.evaluate(Float64Array.of(1, -2))).toBeCloseTo(5, 12);
    expect(ackley.evaluate(Float64Array.of(1, 1))).toBeCloseTo(-20 * Math.exp(-0.2) - Math.E + 20 + Math.E, 12);
    expect(styblinskiTang.evaluate(Float64Array.of(0, 1))).toBe(-5);
  });

  it.each(['sphere', 'rosenbrock', 'rastrigin', 'ackley', 'styblinski-tang'])(
    '%s: the optimum point scores the optimum and every nearby point is worse',
    (id) => {
      for (const dimension of [2, 7]) {
        const task = createObjectiveTask(id, 1, { dimension });
        expect(task.evaluate(task.optimumPoint)).toBeCloseTo(task.optimum, 9);
        for (let k = 0; k < 20; k++) {
          const x = Float64Array.from(task.optimumPoint, (v, i) => v + 1e-3 * Math.sin(7 * k + 3 * i + 1));
          expect(task.evaluate(x)).toBeGreaterThan(task.optimum);
        }
        // The seeded start lies in the box; sigma is a quarter of its width.
        const [low, high] = task.bounds;
        for (const v of task.initialPoint ?? []) expect(v >= low && v <= high).toBe(true);
        expect(task.sigma).toBeCloseTo((high - low) / 4, 12);
        expect(task.initialSigma).toBe(task.sigma); // the deprecated name, for readers of the old contract
      }
    },
  );

  it('Styblinski–Tang minimum is −39.16617·d; Float32 input works; wrong lengths and options fail', () => {
    const task = createObjectiveTask('styblinski-tang', 1, { dimension: 3 });
    expect(task.optimum).toBeCloseTo(-39.16616570377142 * 3, 9);
    expect(task.evaluate(Float32Array.of(0, 0, 1))).toBe(-5);
    expect(() => task.evaluate(new Float64Array(2))).toThrow(/expected a parameter vector of length 3, got length 2/);
    expect(() => createObjectiveTask('rosenbrock', 1, { dimension: 1 })).toThrow(/dimension/);
    expect(() => createObjectiveTask('sphere', 1, { dimension: 2, initialPoint: [1] })).toThrow(/initialPoint of length 2/);
    expect(Array.from(createObjectiveTask('sphere', 1, { dimension: 2, initialPoint: [1, 2], sigma: 0.5 }).initialPoint ?? [])).toEqual([
      1, 2,
    ]);
  });

  it('takes the old option name initialSigma as sigma, with a deprecation warning', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const old = createObjectiveTask('sphere', 1, { dimension: 2, initialSigma: 0.5 });
    expect(old.sigma).toBe(0.5);
    expect(old.spec).toEqual(createObjectiveTask('sphere', 1, { dimension: 2, sigma: 0.5 }).spec);
    expect(emit).toHaveBeenCalledWith(expect.stringMatching(/'initialSigma' is deprecated, write 'sigma'/), expect.anything());
    emit.mockRestore();
  });
});
