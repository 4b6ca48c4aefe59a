/**
 * A picture as a regression task: every pixel of a size × size grid is one sample whose inputs
 * are its coordinates (x, y in [−1, 1]) and its distance d from the centre, and whose target is
 * the pixel's grey level in [0, 1]. These are the inputs of the CPPN pictures of Stanley (2007),
 * "Compositional pattern producing networks", Genetic Programming and Evolvable Machines 8(2),
 * 131–162, so a CPPN trained here *is* a drawing of the picture, at any resolution.
 */
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { type Dataset, splitDataset } from '../supervised/dataset.js';
import { taskRng } from '../supervised/rng.js';
import { regressionTask } from '../supervised/task.js';

/** The target pictures, each a function of (x, y, d) on [−1, 1]². */
export const pictures = {
  /** A filled disc of radius 0.6. */
  circle: (_x: number, _y: number, d: number) => (d < 0.6 ? 1 : 0),
  /** Concentric rings, three periods from the centre to the edge: ½ + ½cos(3π·d). */
  rings: (_x: number, _y: number, d: number) => 0.5 + 0.5 * Math.cos(3 * Math.PI * d),
  /** A 4 × 4 checkerboard. */
  checker: (x: number, y: number) => (Math.sin(2 * Math.PI * x) * Math.sin(2 * Math.PI * y) > 0 ? 1 : 0),
} as const;

/** The name of a target picture. */
export type PictureName = keyof typeof pictures;

/** The (x, y, d) inputs of a size × size grid, row by row (y from −1 at the top), as [size², 3]. */
export function pictureInputs(size: number): Float32Array {
  const x = new Float32Array(size * size * 3);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const px = size === 1 ? 0 : -1 + (2 * c) / (size - 1);
      const py = size === 1 ? 0 : -1 + (2 * r) / (size - 1);
      const i = 3 * (r * size + c);
      x[i] = px;
      x[i + 1] = py;
      // d is scaled so the corners are at √2 / √2 = 1 (Stanley 2007 feeds the distance from the centre).
      x[i + 2] = Math.hypot(px, py) / Math.SQRT2;
    }
  }
  return x;
}

/** Every pixel of `picture` on a size × size grid, row by row: inputs [size², 3], targets [size², 1]. */
export function pictureDataset(picture: PictureName, size: number): Dataset {
  const x = pictureInputs(size);
  const f = pictures[picture];
  const n = size * size;
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = f(x[3 * i] as number, x[3 * i + 1] as number, x[3 * i + 2] as number);
  return { x, y, n, sampleShape: [3], targetShape: [1] };
}

export const pictureTask = defineBuiltinTask({
  id: 'picture',
  kind: 'supervised',
  recommendedModel: { hidden: [16], activation: 'tanh' },
  description: 'A 2-D picture to draw: pixel (x, y, d) → grey level, the CPPN task of Stanley (2007).',
  options: z.strictObject({
    /** The target picture: circle, rings (concentric, the default) or checker. */
    picture: z.enum(['circle', 'rings', 'checker']).default('rings'),
    /** Pixels per side, 4 to 256. Default 16. */
    size: z.int().min(4).max(256).default(16).meta({ unit: 'pixels' }),
    /** Fraction of the pixels held out for validation, in [0, 0.9]. Default 0.2. */
    validationFraction: z.number().min(0).max(0.9).default(0.2).meta({ unit: 'fraction of samples' }),
    /** Fraction of the pixels held out for the final test, in [0, 0.9]. Default 0.2. */
    testFraction: z.number().min(0).max(0.9).default(0.2).meta({ unit: 'fraction of samples' }),
  }),
  build: (seed, o, m) => {
    const rng = taskRng(m.id, seed);
    const splits = splitDataset(rng.fork('split'), pictureDataset(o.picture, o.size), {
      validation: o.validationFraction,
      test: o.testFraction,
    });
    return regressionTask({ id: m.id, seed, description: m.description, inputShape: [3], outputs: 1, splits });
  },
});
