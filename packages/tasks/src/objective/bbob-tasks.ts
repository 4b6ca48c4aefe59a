import { defineBuiltinTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { type BbobFunction, bbobFunctions } from './bbob.js';
import { objectiveOptions, objectiveTask } from './objective-tasks.js';

/** COCO's search box: every BBOB function is defined on [−5, 5]^D (RR-6829 §0.1). */
const BOX = [-5, 5] as const;
/** COCO's final target: f − f_opt ≤ 10⁻⁸ counts as solved (RR-6829 §0.1, "Δf = 10⁻⁸"). */
const FINAL_TARGET = 1e-8;

const describe = (f: BbobFunction, what: string): string =>
  `BBOB f${f.number} ${f.name} (Hansen et al. 2009, RR-6829): ${what}; value is f − f_opt (0 at the optimum, solved at 1e-8); box [-5, 5]^d.`;

const bbobDefinition = (id: keyof typeof bbobFunctions, what: string) => {
  const f = bbobFunctions[id];
  return defineBuiltinTask({
    id,
    kind: 'objective',
    description: describe(f, what),
    options: objectiveOptions(f.minDimension, 1000),
    build: (seed, o, m) => {
      const instance = f.instance(o.dimension, taskRng(m.id, seed).fork('instance'));
      const body = { ...instance, optimum: 0, bounds: BOX, solvedAt: FINAL_TARGET };
      // COCO's suggested initial region [−4, 4]^D; σ₀ 2, a quarter of its width.
      return objectiveTask(m.id, m.description, seed, o, body, [-4, 4]);
    },
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
