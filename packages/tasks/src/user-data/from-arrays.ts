/**
 * A supervised task from a user's own arrays — the "train on these arrays" path:
 *
 *     const task = fromArrays([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], { problem: 'classification', validation: 0, test: 0 });
 *
 * Every value is checked (finite numbers, equal row lengths, class labels in range) and a bad one
 * is a {@link DataError} naming its row and column. The rows are cut into train / validation /
 * test by fraction (seeded, stratified for classification) or given explicitly; standardising,
 * when asked for, uses statistics of the training split only. The task is an ordinary
 * supervised task, so every trainer fits it; its `spec` rebuilds it in evolution worker threads.
 */
import { Rng, Tensor } from '@evoprop/tensor';
import type { Split } from '@evoprop/core';
import { DataError } from '../errors.js';
import { type Scaler, scaleSplits } from '../preprocess/scale.js';
import type { BuiltSupervisedTask, TaskSpec } from '../spec.js';
import { takeRows } from '../supervised/dataset.js';
import { classificationTask, regressionTask } from '../supervised/task.js';
import {
  type InputData,
  type Labels,
  type Matrix,
  type Origin,
  type TargetData,
  dataError,
  isRows,
  labelsFrom,
  matrixFromFlat,
  matrixFromRows,
} from './columns.js';
import { splitRows } from './split-rows.js';

export type { InputData, TargetData } from './columns.js';

/** `'classification'`: targets are class indices or names. `'regression'`: targets are values. */
export type Problem = 'classification' | 'regression';

/** A held-out split: a fraction of the rows (0 = none: that split is the training rows), or explicit arrays. */
export type HeldOut =
  | number
  | Readonly<{
      /** The held-out inputs, shaped like the main inputs. */
      inputs: InputData;
      /** The held-out targets, of the same kind as the main targets. */
      targets: TargetData;
    }>;

/** Options of {@link fromArrays}; every key is optional except `problem` for numeric targets. */
export type FromArraysOptions = Readonly<{
  /** Required for numeric targets; string targets are class names, so classification. */
  problem?: Problem;
  /** Validation rows: a fraction in [0, 0.9] (default 0.2; 0 = validate on the training rows) or explicit arrays. */
  validation?: HeldOut;
  /** Test rows: a fraction in [0, 0.9] (default 0.2; 0 = test on the training rows) or explicit arrays. */
  test?: HeldOut;
  /** Seed of the shuffle that picks the held-out rows (default 0). */
  seed?: number;
  /** Shuffle before cutting (default true); false takes train, then validation, then test in row order. */
  shuffle?: boolean;
  /** Keep each class's share in every split (classification, when shuffling; default true). */
  stratify?: boolean;
  /** Standardise inputs to mean 0, std 1 with the training split's statistics (default false). */
  standardise?: boolean;
  /** Per-sample input shape, e.g. `[1, 28, 28]` (default `[features]`); needed to cut flat inputs without row targets. */
  inputShape?: readonly number[];
  /** Number of classes (default: the largest index + 1, or the number of class names). */
  classes?: number;
  /** Class names by index (default: the distinct string labels, sorted). */
  classNames?: readonly string[];
  /** The task's id in reports (default `'arrays'`). */
  id?: string;
  /** One line saying what the data is. */
  description?: string;
}>;

/** A task built from a user's data: a supervised task plus the class names and the fitted scaler. */
export type DataTask = BuiltSupervisedTask &
  Readonly<{
    /** Name of each class index, when the labels were names. */
    classNames?: readonly string[];
    /** The scaler fitted on the training inputs when `standardise` was on; apply it to new inputs with `applyScaler`. */
    scaler?: Scaler;
  }>;

/** The spec id of array tasks; `createTaskFromSpec` rebuilds them from the data the spec carries. */
export const arraysTaskId = 'arrays';

const prod = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Number of samples: from row-shaped inputs, from `inputShape`, or from the targets. */
function rowCount(inputs: InputData, targets: TargetData, inputShape: readonly number[] | undefined): number {
  if (isRows(inputs)) return inputs.length;
  if (inputShape !== undefined) {
    const size = prod(inputShape);
    if (size < 1 || inputs.length % size !== 0)
      throw new DataError(
        'fromArrays inputs',
        {},
        `a multiple of ${size} values (inputShape [${inputShape.join(', ')}])`,
        `${inputs.length}`,
      );
    return inputs.length / size;
  }
  return targets.length;
}

function inputMatrix(inputs: InputData, n: number, origin: Origin, inputShape: readonly number[] | undefined): Matrix {
  if (inputs.length === 0) dataError(origin, undefined, undefined, 'at least one row', 'none');
  const m = isRows(inputs) ? matrixFromRows(inputs, origin) : matrixFromFlat(inputs, n, origin);
  if (m.rows !== n) dataError(origin, undefined, undefined, `${n} rows (one per target)`, `${m.rows}`);
  if (inputShape !== undefined && prod(inputShape) !== m.width)
    dataError(origin, undefined, undefined, `${prod(inputShape)} values per row (inputShape [${inputShape.join(', ')}])`, `${m.width}`);
  return m;
}

function classTargets(
  targets: TargetData,
  n: number,
  origin: Origin,
  o: Readonly<{ classes?: number; classNames?: readonly string[] }>,
): Labels {
  let flat: ArrayLike<unknown> = targets;
  if (isRows(targets)) {
    const rows = targets;
    rows.forEach((row, i) => {
      if (row.length !== 1) dataError(origin, i, undefined, 'one class index or name per row (not one-hot rows)', `${row.length} values`);
    });
    flat = rows.map((row) => row[0]);
  }
  if (flat.length !== n) dataError(origin, undefined, undefined, `${n} targets (one per input row)`, `${flat.length}`);
  return labelsFrom(flat, o, origin);
}

function valueTargets(targets: TargetData, n: number, origin: Origin, width?: number): Matrix {
  if (targets.length > 0 && typeof targets[0] === 'string')
    dataError(origin, 0, undefined, "numbers for problem 'regression' (class names need problem 'classification')", `'${targets[0]}'`);
  const numeric = targets as readonly ArrayLike<number>[] | ArrayLike<number>;
  const m = isRows(numeric) ? matrixFromRows(numeric, origin) : matrixFromFlat(numeric, n, origin);
  if (m.rows !== n) dataError(origin, undefined, undefined, `${n} target rows (one per input row)`, `${m.rows}`);
  if (width !== undefined && m.width !== width)
    dataError(origin, undefined, undefined, `${width} values per target row (as in training)`, `${m.width}`);
  return m;
}

/** Inputs and targets of one block of rows (the main data, or an explicit held-out part), checked. */
type Block = Readonly<{ x: Matrix; y: Float32Array; yWidth: number; labels?: Labels }>;

function readBlock(inputs: InputData, targets: TargetData, problem: Problem, name: string, o: FromArraysOptions, like?: Block): Block {
  const n = rowCount(inputs, targets, o.inputShape);
  const x = inputMatrix(inputs, n, { source: `fromArrays ${name}inputs` }, o.inputShape);
  if (like !== undefined && x.width !== like.x.width)
    dataError(
      { source: `fromArrays ${name}inputs` },
      undefined,
      undefined,
      `${like.x.width} values per row (as in training)`,
      `${x.width}`,
    );
  const origin = { source: `fromArrays ${name}targets` };
  if (problem === 'classification') {
    const fixed = like?.labels;
    const labels = classTargets(
      targets,
      n,
      origin,
      fixed === undefined
        ? {
            ...(o.classes === undefined ? {} : { classes: o.classes }),
            ...(o.classNames === undefined ? {} : { classNames: o.classNames }),
          }
        : { classes: fixed.classes, ...(fixed.classNames === undefined ? {} : { classNames: fixed.classNames }) },
    );
    return { x, y: labels.indices, yWidth: 1, labels };
  }
  const y = valueTargets(targets, n, origin, like?.yWidth);
  return { x, y: y.data, yWidth: y.width };
}

function fraction(value: HeldOut | undefined, name: string): number {
  if (value === undefined) return 0.2;
  if (typeof value !== 'number') return 0;
  if (!(value >= 0 && value <= 0.9)) throw new DataError('fromArrays options', { column: name }, 'a fraction in [0, 0.9]', String(value));
  return value;
}

const blockSplit = (b: Block, rows: ArrayLike<number>, targetShape: readonly number[], inputShape: readonly number[]): Split => ({
  x: new Tensor(takeRows(b.x.data, b.x.width, rows), [rows.length, ...inputShape]),
  y: new Tensor(takeRows(b.y, b.yWidth, rows), [rows.length, ...targetShape]),
});

const allRows = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** The data a spec carries, already checked and flat (typed arrays: structured-clonable for worker threads). */
const specOf = (seed: number, options: Record<string, unknown>): TaskSpec => ({ id: arraysTaskId, seed, options });

/**
 * A supervised task from arrays: `inputs` one row per sample (or flat), `targets` one class index
 * or name per row (classification) or one value / row of values per row (regression).
 *
 * @example
 * const task = fromArrays(measurements, species, { standardise: true }); // species: string[]
 * const result = await new BackpropTrainer({}).fit({ task, rng: Rng.fromSeed(0), budget: { epochs: 200 } });
 */
export function fromArrays(inputs: InputData, targets: readonly string[], options?: FromArraysOptions): DataTask;
export function fromArrays(inputs: InputData, targets: TargetData, options: FromArraysOptions & Readonly<{ problem: Problem }>): DataTask;
export function fromArrays(inputs: InputData, targets: TargetData, options: FromArraysOptions = {}): DataTask {
  const stringTargets = targets.length > 0 && typeof targets[0] === 'string';
  const problem = options.problem ?? (stringTargets ? 'classification' : undefined);
  if (problem === undefined)
    throw new DataError('fromArrays options', { column: 'problem' }, "'classification' or 'regression' for numeric targets", 'nothing');
  if (problem !== 'classification' && problem !== 'regression')
    throw new DataError('fromArrays options', { column: 'problem' }, "'classification' or 'regression'", String(problem));
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new DataError('fromArrays options', { column: 'seed' }, 'a safe integer', String(seed));

  const main = readBlock(inputs, targets, problem, '', options);
  const explicit = (value: HeldOut | undefined, name: string): Block | undefined =>
    value === undefined || typeof value === 'number'
      ? undefined
      : readBlock(value.inputs, value.targets, problem, `${name}.`, options, main);
  const given = { validation: explicit(options.validation, 'validation'), test: explicit(options.test, 'test') };
  const n = main.x.rows;
  const stratify = problem === 'classification' && (options.stratify ?? true);
  const rows = splitRows(Rng.fromSeed(seed).fork('task/arrays/split'), n, 'fromArrays', {
    validation: fraction(options.validation, 'validation'),
    test: fraction(options.test, 'test'),
    shuffle: options.shuffle ?? true,
    ...(stratify && main.labels !== undefined ? { classOf: main.labels.indices } : {}),
  });

  const inputShape = options.inputShape ?? [main.x.width];
  const targetShape = problem === 'classification' ? [] : [main.yWidth];
  const train = blockSplit(main, rows.train, targetShape, inputShape);
  const part = (block: Block | undefined, picked: Int32Array): Split =>
    block !== undefined
      ? blockSplit(block, allRows(block.x.rows), targetShape, inputShape)
      : picked.length > 0
        ? blockSplit(main, picked, targetShape, inputShape)
        : train;
  const raw = { train, validation: part(given.validation, rows.validation), test: part(given.test, rows.test) };
  const scaled = options.standardise === true ? scaleSplits(raw, 'standardise') : undefined;
  const splits = scaled === undefined ? raw : { train: scaled.train, validation: scaled.validation, test: scaled.test };

  const id = options.id ?? arraysTaskId;
  const labels = main.labels;
  const description =
    options.description ??
    `Your data: ${n} rows, ${main.x.width} inputs, ${labels !== undefined ? `${labels.classes} classes` : `${main.yWidth} target(s)`}.`;
  const built =
    labels !== undefined
      ? classificationTask({ id, seed, description, inputShape, splits, classes: labels.classes })
      : regressionTask({ id, seed, description, inputShape, splits, outputs: main.yWidth });
  const heldOutSpec = (value: HeldOut | undefined, block: Block | undefined): unknown =>
    block === undefined ? (value ?? 0.2) : { inputs: block.x.data, targets: block.y };
  const spec = specOf(seed, {
    ...options,
    problem,
    inputs: main.x.data,
    targets: main.y,
    inputShape,
    validation: heldOutSpec(options.validation, given.validation),
    test: heldOutSpec(options.test, given.test),
    ...(labels !== undefined
      ? { classes: labels.classes, ...(labels.classNames === undefined ? {} : { classNames: labels.classNames }) }
      : {}),
  });
  return {
    ...built,
    spec,
    ...(labels?.classNames === undefined ? {} : { classNames: labels.classNames }),
    ...(scaled === undefined ? {} : { scaler: scaled.scaler }),
  } as DataTask;
}

/** Rebuild an array task from its spec (what `createTaskFromSpec` does for spec id `'arrays'`). */
export function fromArraysSpec(spec: TaskSpec): DataTask {
  const { inputs, targets, ...options } = spec.options as FromArraysOptions &
    Readonly<{ inputs: InputData; targets: TargetData; problem: Problem }>;
  return fromArrays(inputs, targets, { ...options, seed: spec.seed });
}
