import type { Split, SupervisedTask } from '@evoprop/core';
import { defineTask } from '@evoprop/core/registry';
import { Rng, Tensor } from '@evoprop/tensor';
import { z } from 'zod';

/** Options, parsed at the boundary: unknown keys fail, missing keys get these defaults. */
export const CheckerboardOptions = z.strictObject({
  /** Cells per side of the board on [-1, 1]²; 2 is XOR-like, 4+ needs a wider network. */
  cells: z.number().int().min(2).max(16).default(4),
  /** Standard deviation of the Gaussian noise added to each input coordinate after labelling. */
  noise: z.number().min(0).default(0.05),
  /** Probability that a label is flipped. */
  labelNoise: z.number().min(0).max(0.5).default(0),
  trainSize: z.number().int().positive().default(400),
  validationSize: z.number().int().positive().default(100),
  testSize: z.number().int().positive().default(400),
});
export type CheckerboardOptions = z.output<typeof CheckerboardOptions>;

/** The noiseless label of a point: the parity of its cell. */
export const cellParity = (x: number, y: number, cells: number): number => {
  const cell = (v: number) => Math.min(cells - 1, Math.floor(((v + 1) / 2) * cells));
  return (cell(x) + cell(y)) % 2;
};

/** One split, drawn from its own stream so that changing `trainSize` leaves the test split as it was. */
function draw(rng: Rng, n: number, o: CheckerboardOptions): Split {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    const label = cellParity(a, b, o.cells);
    y[i] = rng.bernoulli(o.labelNoise) ? 1 - label : label;
    x[2 * i] = a + rng.normal(0, o.noise);
    x[2 * i + 1] = b + rng.normal(0, o.noise);
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n]) };
}

/** A noisy checkerboard: two-class classification of points in [-1, 1]² by the colour of their cell. */
export function noisyCheckerboard(seed: number, options: z.input<typeof CheckerboardOptions> = {}): SupervisedTask {
  const o = CheckerboardOptions.parse(options);
  const rng = Rng.fromSeed(`noisy-checkerboard/${seed}`);
  return {
    id: 'noisy-checkerboard',
    seed,
    description: `${o.cells}×${o.cells} checkerboard on [-1, 1]², input noise σ=${o.noise}, label noise ${o.labelNoise}`,
    kind: 'supervised',
    inputShape: [2],
    outputSize: 2,
    problem: 'classification',
    loss: 'softmax-cross-entropy',
    metric: 'accuracy',
    train: draw(rng.fork('train'), o.trainSize, o),
    validation: draw(rng.fork('validation'), o.validationSize, o),
    test: draw(rng.fork('test'), o.testSize, o),
  };
}

/** Registry entry: `createTaskFrom(registry, 'noisy-checkerboard', seed, { cells: 3 })`. */
export const noisyCheckerboardTask = defineTask({
  id: 'noisy-checkerboard',
  kind: 'supervised',
  description: 'a seeded checkerboard of 2×2 to 16×16 cells with input and label noise (two-class classification)',
  optionsSchema: CheckerboardOptions,
  create: (seed, options) => noisyCheckerboard(seed, options),
});
