import { deprecatedKeys } from '@evoprop/core';
import { z } from 'zod';
import { TaskError } from '../errors.js';
import { defineTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { type ObjectiveFunction, ackley, rastrigin, rosenbrock, sphere, styblinskiTang } from './functions.js';

const options = (minDimension: number) =>
  deprecatedKeys(
    z.strictObject({
      /** Length of the parameter vector (the function's minimum dimension to 10⁶). Default 10. */
      dimension: z.int().min(minDimension).max(1_000_000).default(10),
      /** Starting point; by default drawn uniformly from the search box with the task's seed. */
      initialPoint: z.array(z.number()).optional(),
      /** Starting step size σ₀ (the `sigma` a strategy starts from), > 0; by default a quarter of the box width (pycma's advice for sigma0). Formerly `initialSigma`. */
      sigma: z.number().positive().optional(),
    }),
    { initialSigma: 'sigma' },
  );

type Options = z.output<ReturnType<typeof options>>;

function objectiveTask(id: string, description: string, seed: number, o: Options, f: ObjectiveFunction) {
  const d = o.dimension;
  const [low, high] = f.bounds;
  let initialPoint: Float64Array;
  if (o.initialPoint !== undefined) {
    if (o.initialPoint.length !== d)
      throw new TaskError(`${id}: expected initialPoint of length ${d} (the dimension), got length ${o.initialPoint.length}`);
    initialPoint = Float64Array.from(o.initialPoint);
  } else {
    initialPoint = taskRng(id, seed).fork('initial-point').fillUniform(new Float64Array(d), low, high);
  }
  return {
    kind: 'objective' as const,
    id,
    seed,
    description,
    dimension: d,
    metric: 'objective' as const,
    evaluate: (x: Float32Array | Float64Array): number => {
      if (x.length !== d) throw new TaskError(`${id}: expected a parameter vector of length ${d}, got length ${x.length}`);
      return f.evaluate(x);
    },
    optimum: f.optimum(d),
    optimumPoint: f.optimumPoint(d),
    bounds: f.bounds,
    initialPoint,
    sigma: o.sigma ?? (high - low) / 4,
    initialSigma: o.sigma ?? (high - low) / 4,
  };
}

export const sphereTask = defineTask({
  id: 'sphere',
  kind: 'objective',
  description: 'Sphere Σx²: convex, separable; minimum 0 at the origin; box [-5, 5]^d.',
  options: options(1),
  build: (seed, o, m) => objectiveTask(m.id, m.description, seed, o, sphere),
});

export const rosenbrockTask = defineTask({
  id: 'rosenbrock',
  kind: 'objective',
  description: 'Rosenbrock: a narrow curved valley; minimum 0 at (1, …, 1); box [-2.048, 2.048]^d.',
  options: options(2),
  build: (seed, o, m) => objectiveTask(m.id, m.description, seed, o, rosenbrock),
});

export const rastriginTask = defineTask({
  id: 'rastrigin',
  kind: 'objective',
  description: 'Rastrigin: a grid of local minima; minimum 0 at the origin; box [-5.12, 5.12]^d.',
  options: options(1),
  build: (seed, o, m) => objectiveTask(m.id, m.description, seed, o, rastrigin),
});

export const ackleyTask = defineTask({
  id: 'ackley',
  kind: 'objective',
  description: 'Ackley: a flat, bumpy plateau around one deep hole; minimum 0 at the origin; box [-32.768, 32.768]^d.',
  options: options(1),
  build: (seed, o, m) => objectiveTask(m.id, m.description, seed, o, ackley),
});

export const styblinskiTangTask = defineTask({
  id: 'styblinski-tang',
  kind: 'objective',
  description: 'Styblinski–Tang: separable, off-centre minimum ≈ −39.166·d at x_i ≈ −2.9035; box [-5, 5]^d.',
  options: options(1),
  build: (seed, o, m) => objectiveTask(m.id, m.description, seed, o, styblinskiTang),
});
