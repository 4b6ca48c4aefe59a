import { deprecatedKeys } from '@evoprop/core';
import { z } from 'zod';
import { TaskError } from '../errors.js';
import { defineTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { type BbobFunction, bbobFunctions } from './bbob.js';

/** COCO's search box: every BBOB function is defined on [−5, 5]^D (RR-6829 §0.1). */
const BOX = [-5, 5] as const;
/** COCO's final target: f − f_opt ≤ 10⁻⁸ counts as solved (RR-6829 §0.1, "Δf = 10⁻⁸"). */
const FINAL_TARGET = 1e-8;

const options = (minDimension: number) =>
  deprecatedKeys(
    z.strictObject({
      /** Length of the parameter vector, at most 1000 (a rotation is a dense D×D matrix). Default 10 (COCO also uses 2, 3, 5, 20, 40). */
      dimension: z.int().min(minDimension).max(1000).default(10),
      /** Starting point; by default uniform in [−4, 4]^D from the task's seed (COCO's suggested initial region). */
      initialPoint: z.array(z.number()).optional(),
      /** Starting step size σ₀ (the `sigma` a strategy starts from), > 0; default 2, a quarter of the [−4, 4] start region's width. Formerly `initialSigma`. */
      sigma: z.number().positive().optional(),
    }),
    { initialSigma: 'sigma' },
  );

type Options = z.output<ReturnType<typeof options>>;

function bbobTask(id: string, description: string, seed: number, o: Options, f: BbobFunction) {
  const d = o.dimension;
  const rng = taskRng(id, seed);
  const instance = f.instance(d, rng.fork('instance'));
  let initialPoint: Float64Array;
  if (o.initialPoint !== undefined) {
    if (o.initialPoint.length !== d)
      throw new TaskError(`${id}: expected initialPoint of length ${d} (the dimension), got length ${o.initialPoint.length}`);
    initialPoint = Float64Array.from(o.initialPoint);
  } else {
    initialPoint = rng.fork('initial-point').fillUniform(new Float64Array(d), -4, 4);
  }
  return {
    kind: 'objective' as const,
    id,
    seed,
    description,
    dimension: d,
    metric: 'objective' as const,
    solvedAt: FINAL_TARGET,
    evaluate: (x: Float32Array | Float64Array): number => {
      if (x.length !== d) throw new TaskError(`${id}: expected a parameter vector of length ${d}, got length ${x.length}`);
      return instance.evaluate(x);
    },
    optimum: 0,
    optimumPoint: instance.optimumPoint,
    bounds: BOX,
    initialPoint,
    sigma: o.sigma ?? 2,
    initialSigma: o.sigma ?? 2,
  };
}

const describe = (f: BbobFunction, what: string): string =>
  `BBOB f${f.number} ${f.name} (Hansen et al. 2009, RR-6829): ${what}; value is f − f_opt (0 at the optimum, solved at 1e-8); box [-5, 5]^d.`;

const bbobDefinition = (id: keyof typeof bbobFunctions, what: string) => {
  const f = bbobFunctions[id];
  return defineTask({
    id,
    kind: 'objective',
    description: describe(f, what),
    options: options(f.minDimension),
    build: (seed, o, m) => bbobTask(m.id, m.description, seed, o, f),
  });
};

/** BBOB f1, the shifted sphere. */
export const bbobSphereTask = bbobDefinition('bbob-sphere', 'shifted sphere');
/** BBOB f2, the separable ellipsoid with conditioning 10⁶. */
export const bbobEllipsoidTask = bbobDefinition('bbob-ellipsoid', 'separable ellipsoid, conditioning 1e6');
/** BBOB f3, the separable Rastrigin function. */
export const bbobRastriginTask = bbobDefinition('bbob-rastrigin', 'separable Rastrigin, about 10^d local minima');
/** BBOB f8, the original Rosenbrock function (shifted). */
export const bbobRosenbrockTask = bbobDefinition('bbob-rosenbrock', 'Rosenbrock valley, shifted');
/** BBOB f10, the rotated ellipsoid with conditioning 10⁶. */
export const bbobEllipsoidRotatedTask = bbobDefinition('bbob-ellipsoid-rotated', 'rotated ellipsoid, conditioning 1e6');
/** BBOB f11, the discus (one short axis, conditioning 10⁶). */
export const bbobDiscusTask = bbobDefinition('bbob-discus', 'rotated discus, one short axis, conditioning 1e6');
/**
 * BBOB f12, the bent cigar. NOTE: candidates are float32 weights, and float32 rounding near x_opt
 * already costs about 1e-8 here, so the final target is at the edge of what a model can express.
 */
export const bbobBentCigarTask = bbobDefinition('bbob-bent-cigar', 'rotated bent cigar, one long axis, conditioning 1e6');
/** BBOB f14, different powers. NOTE: as f12, float32 weights limit the precision near 1e-8. */
export const bbobDifferentPowersTask = bbobDefinition('bbob-different-powers', 'rotated sum of different powers');
