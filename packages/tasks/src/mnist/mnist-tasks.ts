import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { buildMnist, mnistOptionShape } from './mnist.js';

export const mnistTask = defineBuiltinTask({
  id: 'mnist',
  kind: 'supervised',
  // One hidden layer of ReLUs on the flattened image (≈ 98 % with backprop; small enough for evolution to search).
  recommendedModel: { hidden: [64], activation: 'relu' },
  description: 'MNIST digits: 60k train (seeded validation split taken from it) / 10k test, flat 784 or 1×28×28 inputs.',
  options: z.strictObject(mnistOptionShape),
  build: (seed, o, m) => buildMnist(m, seed, o),
});

const digits = z
  .array(z.int().min(0).max(9).meta({ unit: 'digit labels' }))
  .min(2)
  .max(10)
  .refine((d) => new Set(d).size === d.length, 'expected distinct digits');

export const splitMnistTask = defineBuiltinTask({
  id: 'split-mnist',
  kind: 'supervised',
  recommendedModel: { hidden: [64], activation: 'relu' },
  description: 'Split-MNIST: only the chosen digits (0–4 by default; 5–9 is the second task), labels remapped to 0..k-1 or kept.',
  options: z.strictObject({
    ...mnistOptionShape,
    /** Samples of the training file held out for validation (seeded). Default 2500. */
    validationSize: mnistOptionShape.validationSize.default(2500),
    /** The digits kept (distinct, 0–9). Default `[0, 1, 2, 3, 4]`. */
    digits: digits.default([0, 1, 2, 3, 4]),
    /** 'remapped' (default): class = position in `digits`, k outputs; 'original': class = the digit, 10 outputs. */
    labels: z.enum(['remapped', 'original']).default('remapped'),
  }),
  build: (seed, o, m) => {
    const { digits: chosen, labels, ...rest } = o;
    return buildMnist(m, seed, rest, { digits: chosen, labels });
  },
});

export const permutedMnistTask = defineBuiltinTask({
  id: 'permuted-mnist',
  kind: 'supervised',
  recommendedModel: { hidden: [64], activation: 'relu' },
  description: 'Permuted MNIST: one seeded pixel permutation applied to every image; `permutation` picks one of a family.',
  options: z.strictObject({
    ...mnistOptionShape,
    /** Index of the permutation in the seed's family (task k of a continual-learning sequence). */
    permutation: z.int().min(0).default(0).meta({ unit: 'permutation index' }),
  }),
  build: (seed, o, m) => {
    const { permutation, ...rest } = o;
    const pixelOrder = taskRng(m.id, seed)
      .fork(`permutation/${permutation}`)
      .permutation(28 * 28);
    return buildMnist(m, seed, rest, { pixelOrder });
  },
});
