/**
 * The visual discrimination task of Stanley, D'Ambrosio & Gauci (2009), "A hypercube-based
 * encoding for evolving large-scale neural networks", Artificial Life 15(2), 185–212, section 5
 * (first as Gauci & Stanley 2007, GECCO): an 11 × 11 retina sees two objects, a 3 × 3 box and a
 * single pixel, and the network must point at the centre of the big one. As a classification task
 * the input is the 121 pixels (1 where an object is, 0 elsewhere, row by row) and the class is the
 * index r·11 + c of the big box's centre, so an 11 × 11 output sheet's arg-max is the answer.
 *
 * The training split is the paper's 75 trials, without randomness: the small object at 25 places
 * spread uniformly over the field (columns and rows 0, 3, 5, 8, 10), and for each the big box five
 * units to the right, down, and diagonally, wrapping around the field and then moved the least
 * distance that puts it wholly in view. Validation is `validationSize` seeded random placements;
 * the test split is every placement there is (the big box at each of the 81 centres, the small
 * object on each of the 112 pixels the box leaves free: 9,072 trials), the generalisation the
 * paper tested. Geometry helpers ({@link visualFieldCoordinate}) put pixel c at −1 + 2c/10.
 */
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import type { Dataset } from '../supervised/dataset.js';
import { makeSplit } from '../supervised/dataset.js';
import { taskRng } from '../supervised/rng.js';
import { classificationTask } from '../supervised/task.js';

/** Pixels per side of the retina and of the target field (the paper's 11). */
export const visualFieldSize = 11;

/** The coordinate in [−1, 1] of pixel column (or row) `c` of a field of `size` pixels. */
export const visualFieldCoordinate = (c: number, size = visualFieldSize): number => (size === 1 ? 0 : -1 + (2 * c) / (size - 1));

/** One trial: the big box's centre and the small object, as [column, row] pixels. */
export type VisualTrial = Readonly<{
  /** Centre of the 3 × 3 box, each coordinate in [1, size − 2]. */
  big: readonly [number, number];
  /** The 1 × 1 object, outside the box. */
  small: readonly [number, number];
}>;

const wrap = (v: number, size: number): number => ((v % size) + size) % size;
const clampCentre = (v: number, size: number): number => Math.min(size - 2, Math.max(1, v));

/** The paper's 75 training trials: small object at 25 places, big box 5 right, down, diagonal (wrapped, moved into view). */
export function paperVisualTrials(size = visualFieldSize): VisualTrial[] {
  const places = [0, 1, 2, 3, 4].map((k) => Math.round((k * (size - 1)) / 4));
  const out: VisualTrial[] = [];
  for (const [dx, dy] of [
    [5, 0],
    [0, 5],
    [5, 5],
  ] as const) {
    for (const row of places) {
      for (const col of places) {
        const big: [number, number] = [clampCentre(wrap(col + dx, size), size), clampCentre(wrap(row + dy, size), size)];
        out.push({ big, small: [col, row] });
      }
    }
  }
  return out;
}

const insideBox = (big: readonly [number, number], c: number, r: number): boolean => Math.abs(c - big[0]) <= 1 && Math.abs(r - big[1]) <= 1;

/** Every placement: the box at each centre, the small object on each pixel outside it. */
export function allVisualTrials(size = visualFieldSize): VisualTrial[] {
  const out: VisualTrial[] = [];
  for (let br = 1; br <= size - 2; br++)
    for (let bc = 1; bc <= size - 2; bc++)
      for (let r = 0; r < size; r++)
        for (let c = 0; c < size; c++) if (!insideBox([bc, br], c, r)) out.push({ big: [bc, br], small: [c, r] });
  return out;
}

/** The retina of each trial (1 on object pixels) and the class of the box's centre. */
export function visualDataset(trials: readonly VisualTrial[], size = visualFieldSize): Dataset {
  const pixels = size * size;
  const x = new Float32Array(trials.length * pixels);
  const y = new Float32Array(trials.length);
  trials.forEach((t, i) => {
    const base = i * pixels;
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) x[base + (t.big[1] + dr) * size + t.big[0] + dc] = 1;
    x[base + t.small[1] * size + t.small[0]] = 1;
    y[i] = t.big[1] * size + t.big[0];
  });
  return { x, y, n: trials.length, sampleShape: [size, size], targetShape: [] };
}

export const visualDiscriminationTask = defineBuiltinTask({
  id: 'visual-discrimination',
  kind: 'supervised',
  // For fixed-topology trainers; HyperNEAT lays out its own substrate (121 → 121, direct, as the paper's).
  recommendedModel: { hidden: [32], activation: 'tanh' },
  description:
    'Find the big box (Stanley, D’Ambrosio & Gauci 2009): an 11 × 11 retina with a 3 × 3 box and a 1-pixel object; the class is the box centre (121 classes). Train: the paper’s 75 trials; test: all 9,072 placements.',
  options: z.strictObject({
    /** Random placements in the validation split, an integer in [1, 10000]. Default 300. */
    validationSize: z.int().min(1).max(10_000).default(300).meta({ unit: 'placements' }),
    /** Input layout: 'flat' gives inputs shaped [121] (what a dense network takes), 'grid' [11, 11]. Default 'flat'. */
    layout: z.enum(['flat', 'grid']).default('flat'),
  }),
  build: (seed, o, m) => {
    const rng = taskRng(m.id, seed).fork('validation');
    const size = visualFieldSize;
    const validation: VisualTrial[] = [];
    while (validation.length < o.validationSize) {
      const big: [number, number] = [rng.int(1, size - 1), rng.int(1, size - 1)];
      const small: [number, number] = [rng.int(0, size), rng.int(0, size)];
      if (!insideBox(big, small[0], small[1])) validation.push({ big, small });
    }
    const shape = o.layout === 'grid' ? [size, size] : [size * size];
    const split = (trials: readonly VisualTrial[]) => {
      const data = { ...visualDataset(trials, size), sampleShape: shape };
      return makeSplit(
        data,
        Array.from({ length: data.n }, (_, i) => i),
      );
    };
    return classificationTask({
      id: m.id,
      seed,
      description: m.description,
      inputShape: shape,
      classes: size * size,
      splits: { train: split(paperVisualTrials(size)), validation: split(validation), test: split(allVisualTrials(size)) },
    });
  },
});
