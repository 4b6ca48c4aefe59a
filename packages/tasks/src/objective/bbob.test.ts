import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { createObjectiveTask } from '../registry/registry.js';
import { bbobFunctions } from './bbob.js';
import { lambda, randomRotation, rotate, tAsy, tOsz } from './bbob-transforms.js';

/** T_osz as COCO's C code writes it (transform_vars_oscillate.c): base = exp(t + 0.49(sin t + sin 0.79t)), t = log|x|/0.1, result base^0.1. */
function cocoOscillate(x: number): number {
  if (x === 0) return 0;
  const t = Math.log(Math.abs(x)) / 0.1;
  const base =
    x > 0 ? Math.exp(t + 0.49 * (Math.sin(t) + Math.sin(0.79 * t))) : Math.exp(t + 0.49 * (Math.sin(0.55 * t) + Math.sin(0.31 * t)));
  return Math.sign(x) * base ** 0.1;
}

describe('BBOB transformations (RR-6829 §0.2)', () => {
  it('T_osz matches the COCO code form, keeps 0, 1 and −1 fixed and is monotone', () => {
    const xs = [-3.7, -1, -0.2, -1e-6, 0, 1e-6, 0.3, 1, 2.5, 4.9];
    const out = tOsz(Float64Array.from(xs));
    xs.forEach((x, i) => expect(out[i]).toBeCloseTo(cocoOscillate(x), 12));
    expect([out[4], out[7], out[1]]).toEqual([0, 1, -1]);
    for (let i = 1; i < xs.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1] as number);
  });

  it('T_asy leaves the first coordinate and negatives alone and raises positives by 1 + β√x at the last', () => {
    const out = tAsy(Float64Array.of(2, -3, 4), 0.5);
    expect(out[0]).toBe(2);
    expect(out[1]).toBe(-3);
    expect(out[2]).toBeCloseTo(4 ** (1 + 0.5 * 2), 12);
  });

  it('Λ^α scales from 1 to √α', () => {
    const out = lambda(Float64Array.of(1, 1, 1), 100);
    [1, 10 ** 0.5, 10].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
  });

  it('random rotations are orthogonal and preserve norms', () => {
    const d = 7;
    const r = randomRotation(d, Rng.fromSeed(3));
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += (r[i * d + k] as number) * (r[j * d + k] as number);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    const x = Float64Array.of(1, -2, 3, 0.5, 0, 4, -1);
    const norm = (v: Float64Array) => Math.hypot(...v);
    expect(norm(rotate(r, x))).toBeCloseTo(norm(x), 12);
  });
});

describe('BBOB functions', () => {
  const ids = Object.keys(bbobFunctions) as (keyof typeof bbobFunctions)[];

  it.each(ids)('%s: 0 at x_opt (a float32 point), positive nearby and at the start; f_opt = 0', (id) => {
    for (const dimension of [2, 10]) {
      const task = createObjectiveTask(id, 4, { dimension });
      expect(task.optimum).toBe(0);
      expect(task.solvedAt).toBe(1e-8);
      expect(task.evaluate(task.optimumPoint)).toBe(0);
      // A model's float32 weights can sit exactly on the optimum.
      expect(task.evaluate(Float32Array.from(task.optimumPoint))).toBe(0);
      for (const v of task.optimumPoint) expect(Math.abs(v)).toBeLessThanOrEqual(4);
      for (let k = 0; k < 10; k++) {
        const x = Float64Array.from(task.optimumPoint, (v, i) => v + 1e-2 * Math.sin(7 * k + 3 * i + 1));
        expect(task.evaluate(x)).toBeGreaterThan(0);
      }
      for (const v of task.initialPoint ?? []) expect(v >= -4 && v <= 4).toBe(true);
      expect(task.evaluate(task.initialPoint ?? new Float64Array(dimension))).toBeGreaterThan(1e-8);
    }
  });

  it('instances differ by seed and repeat for the same seed', () => {
    const a = createObjectiveTask('bbob-ellipsoid-rotated', 1);
    const b = createObjectiveTask('bbob-ellipsoid-rotated', 1);
    const c = createObjectiveTask('bbob-ellipsoid-rotated', 2);
    expect(Array.from(a.optimumPoint)).toEqual(Array.from(b.optimumPoint));
    expect(Array.from(a.optimumPoint)).not.toEqual(Array.from(c.optimumPoint));
    const x = Float64Array.from({ length: 10 }, (_, i) => i / 5 - 1);
    expect(a.evaluate(x)).toBe(b.evaluate(x));
    expect(a.evaluate(x)).not.toBe(c.evaluate(x));
  });

  it('hand-computed values: sphere, ellipsoid weights, Rosenbrock, Rastrigin at x_opt + e_i', () => {
    const d = 3;
    const sphere = createObjectiveTask('bbob-sphere', 0, { dimension: d });
    const at = (task: typeof sphere, delta: readonly number[]) =>
      task.evaluate(Float64Array.from(task.optimumPoint, (v, i) => v + (delta[i] ?? 0)));
    expect(at(sphere, [1, -2, 0.5])).toBeCloseTo(5.25, 12);
    // f2: weight 10^(6(i−1)/(D−1)) on T_osz(z_i); T_osz(1) = 1.
    const ellipsoid = createObjectiveTask('bbob-ellipsoid', 0, { dimension: d });
    expect(at(ellipsoid, [0, 0, 1])).toBeCloseTo(1e6, 6);
    expect(at(ellipsoid, [0, 1, 0])).toBeCloseTo(1e3, 9);
    // f8 with z = x − x_opt + 1: at x_opt − 1 (z = 0) the value is Σ_{i<D} 1 = D − 1.
    const rosenbrock = createObjectiveTask('bbob-rosenbrock', 0, { dimension: d });
    expect(at(rosenbrock, [-1, -1, -1])).toBeCloseTo(d - 1, 12);
    // f3 at x_opt + e_1: z_1 = T_asy(T_osz(1)) = 1 (first coordinate), cos 2π = 1, so only ‖z‖² = 1 remains.
    const rastrigin = createObjectiveTask('bbob-rastrigin', 0, { dimension: d });
    expect(at(rastrigin, [1, 0, 0])).toBeCloseTo(1, 12);
  });

  it('the rotated ellipsoid is the separable one along the rotated axes R^T e_i', () => {
    const d = 4;
    const rng = Rng.fromSeed(5);
    const f = bbobFunctions['bbob-ellipsoid-rotated'].instance(d, rng);
    const r = randomRotation(d, rng.fork('R'));
    for (let axis = 0; axis < d; axis++) {
      // x = x_opt + t R^T e_axis, so R(x − x_opt) = t e_axis and f = 10^(6 axis/(D−1)) T_osz(t)².
      const x = Float64Array.from(f.optimumPoint, (v, j) => v + 0.5 * (r[axis * d + j] as number));
      expect(f.evaluate(x)).toBeCloseTo(10 ** ((6 * axis) / (d - 1)) * cocoOscillate(0.5) ** 2, 6);
    }
  });

  it('rejects a wrong initial point length and a wrong input length', () => {
    expect(() => createObjectiveTask('bbob-sphere', 0, { dimension: 3, initialPoint: [1] })).toThrow(
      /initialPoint of length 3 \(the dimension\), got length 1/,
    );
    expect(() => createObjectiveTask('bbob-sphere', 0).evaluate(new Float64Array(2))).toThrow(/length 10, got length 2/);
    expect(() => createObjectiveTask('bbob-rosenbrock', 0, { dimension: 1 })).toThrow(/dimension/);
  });
});
