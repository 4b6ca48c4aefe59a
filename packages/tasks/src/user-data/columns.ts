/**
 * Checks and flattening of a user's inputs and targets: every value a finite number, every row
 * the same length, every class label in range. Each problem is a {@link DataError} naming the
 * row and column, so a user can find the bad cell.
 */
import { DataError } from '../errors.js';

/** Inputs: one row per sample (`number[][]`, rows may be typed arrays), or all samples flat in one array. */
export type InputData = readonly ArrayLike<number>[] | ArrayLike<number>;
/** Targets: class indices or names (classification), values or rows of values (regression). */
export type TargetData = readonly ArrayLike<number>[] | ArrayLike<number> | readonly string[];

/** Where values came from, so messages count rows as the user does. */
export type Origin = Readonly<{
  /** What is being read, e.g. `'fromArrays inputs'`. */
  source: string;
  /** Added to a 0-based row index for messages: 0 for arrays, the first data line for CSV files. */
  rowOffset?: number;
  /** Word for a row in messages: `'row'` or `'line'`. */
  rowLabel?: string;
  /** Column names for messages (CSV headers), by column index. */
  columns?: readonly string[];
}>;

const describe = (v: unknown): string =>
  typeof v === 'string' ? `'${v}'` : typeof v === 'number' ? String(v) : v === undefined ? 'nothing' : typeof v;

/** Throw a DataError at (row, column) of `origin`. */
export function dataError(origin: Origin, row: number | undefined, column: number | undefined, expected: string, actual: string): never {
  throw new DataError(
    origin.source,
    {
      ...(row === undefined ? {} : { row: row + (origin.rowOffset ?? 0), rowLabel: origin.rowLabel ?? 'row' }),
      ...(column === undefined ? {} : { column: origin.columns?.[column] ?? column }),
    },
    expected,
    actual,
  );
}

/** True when `data` is one row per sample rather than a flat array of numbers. */
export const isRows = (data: InputData | TargetData): data is readonly ArrayLike<number>[] =>
  !ArrayBuffer.isView(data) &&
  data.length > 0 &&
  typeof (data as ArrayLike<unknown>)[0] === 'object' &&
  (data as ArrayLike<unknown>)[0] !== null;

/** A matrix of finite float32 values, `rows × width`, flattened row-major. */
export type Matrix = Readonly<{ data: Float32Array; rows: number; width: number }>;

/** Flatten rows of equal length, checking every value. */
export function matrixFromRows(rows: readonly ArrayLike<number>[], origin: Origin): Matrix {
  const first = rows[0];
  if (first === undefined) dataError(origin, undefined, undefined, 'at least one row', 'none');
  const width = first.length;
  if (width < 1) dataError(origin, 0, undefined, 'at least one value per row', 'an empty row');
  const data = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number')
      dataError(origin, i, undefined, 'a row (an array of numbers)', describe(row));
    if (row.length !== width) dataError(origin, i, undefined, `${width} values (as in row ${origin.rowOffset ?? 0})`, `${row.length}`);
    for (let j = 0; j < width; j++) data[i * width + j] = finite(row[j], origin, i, j);
  }
  return { data, rows: rows.length, width };
}

/** Check a flat array of `rows × width` values. */
export function matrixFromFlat(values: ArrayLike<number>, rows: number, origin: Origin): Matrix {
  if (rows < 1) dataError(origin, undefined, undefined, 'at least one row', 'none');
  if (values.length % rows !== 0 || values.length === 0)
    dataError(origin, undefined, undefined, `a multiple of ${rows} values (one row per sample)`, `${values.length} values`);
  const width = values.length / rows;
  const data = new Float32Array(values.length);
  for (let k = 0; k < values.length; k++) data[k] = finite(values[k], origin, Math.floor(k / width), width === 1 ? undefined : k % width);
  return { data, rows, width };
}

function finite(v: unknown, origin: Origin, row: number, column: number | undefined): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) dataError(origin, row, column, 'a finite number', describe(v));
  return v;
}

/** Class indices and the names they stand for (names are strings for string labels, else absent). */
export type Labels = Readonly<{ indices: Float32Array; classes: number; classNames?: readonly string[] }>;

/** Options that fix the classes instead of reading them off the labels. */
export type LabelOptions = Readonly<{
  /** Number of classes; default: the largest index + 1 (or the number of names). */
  classes?: number;
  /** Class names by index; string labels must be among them. Default: the distinct string labels, sorted. */
  classNames?: readonly string[];
}>;

/**
 * Class labels as float32 class indices. Strings are looked up in `classNames` (default: their
 * sorted distinct values); numbers must be integers in [0, classes).
 */
export function labelsFrom(values: ArrayLike<unknown>, options: LabelOptions, origin: Origin): Labels {
  const n = values.length;
  const indices = new Float32Array(n);
  const strings = n > 0 && typeof values[0] === 'string';
  if (strings) {
    const names = options.classNames ?? [...new Set(Array.from(values, String))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const index = new Map(names.map((name, i) => [name, i]));
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const k = typeof v === 'string' ? index.get(v) : undefined;
      if (k === undefined) dataError(origin, i, undefined, `a class name (one of ${names.map((s) => `'${s}'`).join(', ')})`, describe(v));
      indices[i] = k;
    }
    return checkClassCount({ indices, classes: names.length, classNames: names }, origin);
  }
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      dataError(origin, i, undefined, 'a class index (an integer ≥ 0) or a class name', describe(v));
    if (options.classes !== undefined && v >= options.classes)
      dataError(origin, i, undefined, `a class index in [0, ${options.classes})`, describe(v));
    if (options.classNames !== undefined && v >= options.classNames.length)
      dataError(origin, i, undefined, `a class index in [0, ${options.classNames.length}) (one per class name)`, describe(v));
    indices[i] = v;
    if (v > max) max = v;
  }
  const classes = options.classes ?? options.classNames?.length ?? max + 1;
  return checkClassCount({ indices, classes, ...(options.classNames === undefined ? {} : { classNames: options.classNames }) }, origin);
}

function checkClassCount(labels: Labels, origin: Origin): Labels {
  if (labels.classes < 2) dataError(origin, undefined, undefined, 'at least 2 classes', `${labels.classes}`);
  return labels;
}
