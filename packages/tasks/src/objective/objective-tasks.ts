import { deprecatedKeys } from '@evoprop/core/config';
import { z } from 'zod';
import { TaskError } from '../errors.js';
import { defineBuiltinTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { type ObjectiveFunction, ackley, rastrigin, rosenbrock, sphere, styblinskiTang } from './functions.js';

/**
 * The options of an objective task: `dimension` from the function's minimum to `maxDimension`
 * (default 10), an optional starting point and an optional starting step size.
 */
export const objectiveOptions = (minDimension: number, maxDimension = 1_000_000) =>
  deprecatedKeys(
    z.strictObject({
      /** Length of the parameter vector (the function's minimum dimension to the task's maximum: 10⁶, or 1000 for BBOB's dense rotations). Default 10. */
      dimension: z.int().min(minDimension).max(maxDimension).default(10).meta({ unit: 'dimensions' }),
      /** Starting point; by default drawn uniformly from the task's start region with the task's seed. */
      initialPoint: z.array(z.number().meta({ unit: 'coordinate units' })).optional(),
      /** Starting step size σ₀ (the `sigma` a strategy starts from), > 0; by default a quarter of the start region's width (pycma's advice for sigma0). Formerly `initialSigma`. */
      sigma: z.number().positive().optional().meta({ unit: 'coordinate units' }),
    }),
    { initialSigma: 'sigma' },
  );

type Options = z.output<ReturnType<typeof objectiveOptions>>;

/** What an objective task needs of its function, at the task's dimension. */
export type ObjectiveBody = Readonly<{
  evaluate: (x: Float32Array | Float64Array) => number;
  optimum: number;
  optimumPoint: Float64Array;
  bounds: readonly [number, number];
  /** Where the task counts as solved, when it says. */
  solvedAt?: number;
}>;

/**
 * An objective task over `f`: the starting point as given or uniform in `start` from the task's
 * seed (`taskRng(id, seed).fork('initial-point')`), σ₀ a quarter of `start`'s width unless given,
 * and `evaluate` checking the vector's length.
 */
export function objectiveTask(
  id: string,
  description: string,
  seed: number,
  o: Options,
  f: ObjectiveBody,
  start: readonly [number, number] = f.bounds,
) {
  const d = o.dimension;
  const [low, high] = start;
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
    ...(f.solvedAt !== undefined ? { solvedAt: f.solvedAt } : {}),
    evaluate: (x: Float32Array | Float64Array): number => {
      if (x.length !== d) throw new TaskError(`${id}: expected a parameter vector of length ${d}, got length ${x.length}`);
      return f.evaluate(x);
    },
    optimum: f.optimum,
    optimumPoint: f.optimumPoint,
    bounds: f.bounds,
    initialPoint,
    sigma: o.sigma ?? (high - low) / 4,
    initialSigma: o.sigma ?? (high - low) / 4,
  };
}

/** The task of a classic test function: its own box is the start region. */
const classic = (id: string, description: string, seed: number, o: Options, f: ObjectiveFunction) =>
  objectiveTask(id, description, seed, o, {
    evaluate: (x) => f.evaluate(x),
    optimum: f.optimum(o.dimension),
    optimumPoint: f.optimumPoint(o.dimension),
    bounds: f.bounds,
  });

const definition = (id: string, description: string, minDimension: number, f: ObjectiveFunction) =>
  defineBuiltinTask({
    id,
    kind: 'objective',
    description,
    options: objectiveOptions(minDimension),
    build: (seed, o, m) => classic(m.id, m.description, seed, o, f),
  });

export const sphereTask = definition('sphere', 'Sphere Σx²: convex, separable; minimum 0 at the origin; box [-5, 5]^d.', 1, sphere);

export const rosenbrockTask = definition(
  'rosenbrock',
  'Rosenbrock: a narrow curved valley; minimum 0 at (1, …, 1); box [-2.048, 2.048]^d.',
  2,
  rosenbrock,
);

export const rastriginTask = definition(
  'rastrigin',
  'Rastrigin: a grid of local minima; minimum 0 at the origin; box [-5.12, 5.12]^d.',
  1,
  rastrigin,
);

export const ackleyTask = definition(
  'ackley',
  'Ackley: a flat, bumpy plateau around one deep hole; minimum 0 at the origin; box [-32.768, 32.768]^d.',
  1,
  ackley,
);

export const styblinskiTangTask = definition(
  'styblinski-tang',
  'Styblinski–Tang: separable, off-centre minimum ≈ −39.166·d at x_i ≈ −2.9035; box [-5, 5]^d.',
  1,
  styblinskiTang,
);
