import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { type Dataset, splitDataset } from '../supervised/dataset.js';
import { noiseOption, splitOptions } from '../supervised/options.js';
import { taskRng } from '../supervised/rng.js';
import { classificationTask } from '../supervised/task.js';
import { circles, gaussianBlobs, moons, twoSpirals, xorQuadrants } from './two-d.js';
import type { Rng } from '@evoprop/tensor';

const playgroundOptions = (noise: number) =>
  z.strictObject({
    ...splitOptions,
    /** Total points before the split (3 to 10⁶). Default 500. */
    samples: splitOptions.samples.default(500),
    /** Noise level, 0 to 100 (its meaning per task is in the task's description). */
    noise: noiseOption(noise),
  });

type PlaygroundOptions = z.output<ReturnType<typeof playgroundOptions>>;

function twoD(id: string, description: string, seed: number, o: PlaygroundOptions, classes: number, generate: (rng: Rng) => Dataset) {
  const rng = taskRng(id, seed);
  const data = generate(rng.fork('data'));
  return classificationTask({
    id,
    seed,
    description,
    inputShape: [2],
    classes,
    splits: splitDataset(rng.fork('split'), data, { validation: o.validationFraction, test: o.testFraction }),
  });
}

export const xorQuadrantsTask = defineBuiltinTask({
  id: 'xor-quadrants',
  kind: 'supervised',
  recommendedModel: { hidden: [8], activation: 'tanh' },
  description: 'TensorFlow Playground XOR: points in four quadrants, class = sign(x·y); noise blurs labels near the axes.',
  options: playgroundOptions(0),
  build: (seed, o, m) => twoD(m.id, m.description, seed, o, 2, (rng) => xorQuadrants(rng, o.samples, o.noise)),
});

export const spiralsTask = defineBuiltinTask({
  id: 'spirals',
  kind: 'supervised',
  // Two interleaved spirals need two layers of curved boundaries (TensorFlow Playground solves them with several layers of 8).
  recommendedModel: { hidden: [16, 16], activation: 'tanh' },
  description: 'TensorFlow Playground two spirals: two interleaved arms of 1.75 turns; noise jitters the points.',
  options: playgroundOptions(0),
  build: (seed, o, m) => twoD(m.id, m.description, seed, o, 2, (rng) => twoSpirals(rng, o.samples, o.noise)),
});

export const circlesTask = defineBuiltinTask({
  id: 'circles',
  kind: 'supervised',
  // A disc inside a ring: three tanh units close a boundary around it; eight leave room.
  recommendedModel: { hidden: [8], activation: 'tanh' },
  description: 'TensorFlow Playground circle: a disc inside a ring; noise blurs labels near the boundary.',
  options: playgroundOptions(0),
  build: (seed, o, m) => twoD(m.id, m.description, seed, o, 2, (rng) => circles(rng, o.samples, o.noise)),
});

export const moonsTask = defineBuiltinTask({
  id: 'moons',
  kind: 'supervised',
  recommendedModel: { hidden: [8], activation: 'tanh' },
  description: "Two interleaved half moons (scikit-learn's make_moons); noise is the std of Gaussian jitter.",
  options: playgroundOptions(0.1),
  build: (seed, o, m) => twoD(m.id, m.description, seed, o, 2, (rng) => moons(rng, o.samples, o.noise)),
});

export const blobsTask = defineBuiltinTask({
  id: 'blobs',
  kind: 'supervised',
  recommendedModel: { hidden: [4], activation: 'tanh' },
  description: 'Gaussian blobs (2 classes = the TensorFlow Playground Gaussian set); noise 0–0.5 widens the variance 0.5–4.',
  options: playgroundOptions(0).extend({
    /** Number of blobs, one class each (2 to 26). Default 2. */
    classes: z.int().min(2).max(26).default(2).meta({ unit: 'classes' }),
  }),
  build: (seed, o, m) => twoD(m.id, m.description, seed, o, o.classes, (rng) => gaussianBlobs(rng, o.samples, o.noise, o.classes)),
});
