/**
 * A supervised task from a table: a CSV file's text or JSON records (`[{ "x1": 0.5, "label": "a" }]`).
 * One column is the target, the others (or the `features` named) are inputs and must be numbers.
 * A target column with any non-numeric cell holds class names (classification, the names kept as
 * `task.classNames`); a numeric target needs `problem` to say whether it is a class index or a value.
 * Errors name the line (CSV) or record index (JSON) and the column.
 */
import { DataError } from '../errors.js';
import { type CsvOptions, type CsvTable, parseCsv } from './csv.js';
import { type DataTask, type FromArraysOptions, fromArrays } from './from-arrays.js';

/** Options of {@link fromTable}, {@link fromCsv} and {@link fromRecords}: the target column and {@link fromArrays}' options. */
export type TableOptions = Omit<FromArraysOptions, 'validation' | 'test' | 'inputShape'> &
  Readonly<{
    /** The column to predict. */
    target: string;
    /** Input columns, in order (default: every column but the target). */
    features?: readonly string[];
    /** Fraction of rows for validation, in [0, 0.9] (default 0.2; 0 = validate on the training rows). */
    validation?: number;
    /** Fraction of rows for the test, in [0, 0.9] (default 0.2; 0 = test on the training rows). */
    test?: number;
    /** Name of the data in messages and the default task id, e.g. the file name. */
    source?: string;
  }>;

/** A task from a table: a {@link DataTask} plus the column names it was built from. */
export type TableTask = DataTask &
  Readonly<{
    /** The input columns, in the order of the model's inputs. */
    inputNames: readonly string[];
    /** The target column. */
    targetName: string;
  }>;

/** Cells as strings (CSV) or JSON values, one row per sample, and how to name a row in messages. */
type Cells = Readonly<{
  header: readonly string[];
  rows: readonly (readonly unknown[])[];
  rowName: (i: number) => { row: number; rowLabel: string };
}>;

const numberOf = (cell: unknown): number | undefined => {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== 'string' || cell.trim() === '') return undefined;
  const v = Number(cell.trim());
  return Number.isFinite(v) ? v : undefined;
};
const show = (cell: unknown): string =>
  cell === undefined || cell === null
    ? 'an empty cell'
    : typeof cell === 'string'
      ? cell.trim() === ''
        ? 'an empty cell'
        : `'${cell}'`
      : String(cell);

function build(cells: Cells, options: TableOptions): TableTask {
  const source = options.source ?? 'table';
  const { header, rows } = cells;
  const t = header.indexOf(options.target);
  if (t < 0)
    throw new DataError(
      source,
      { column: options.target },
      `a target column, one of ${header.map((h) => `'${h}'`).join(', ')}`,
      'no such column',
    );
  const features = options.features ?? header.filter((h) => h !== options.target);
  const columns = features.map((name) => {
    const j = header.indexOf(name);
    if (j < 0)
      throw new DataError(source, { column: name }, `an input column, one of ${header.map((h) => `'${h}'`).join(', ')}`, 'no such column');
    if (j === t) throw new DataError(source, { column: name }, 'input columns other than the target', 'the target column');
    return j;
  });
  if (columns.length === 0) throw new DataError(source, {}, 'at least one input column besides the target', `only '${options.target}'`);
  if (rows.length === 0) throw new DataError(source, {}, 'at least one data row', 'none');
  const inputs = rows.map((r, i) =>
    columns.map((j) => {
      const v = numberOf(r[j]);
      if (v === undefined) throw new DataError(source, { ...cells.rowName(i), column: header[j] as string }, 'a number', show(r[j]));
      return v;
    }),
  );
  const numeric = rows.every((r) => numberOf(r[t]) !== undefined);
  const { target: _t, features: _f, source: _s, ...rest } = options;
  const common: FromArraysOptions = { id: source, ...rest };
  let task: DataTask;
  if (numeric) {
    if (options.problem === undefined)
      throw new DataError(
        source,
        { column: options.target },
        "problem: 'classification' (class indices) or 'regression' (values) for a numeric target column",
        'no problem',
      );
    task = fromArrays(
      inputs,
      rows.map((r) => numberOf(r[t]) as number),
      { ...common, problem: options.problem },
    );
  } else {
    if (options.problem === 'regression') {
      const i = rows.findIndex((r) => numberOf(r[t]) === undefined);
      throw new DataError(source, { ...cells.rowName(i), column: options.target }, "a number (problem 'regression')", show(rows[i]?.[t]));
    }
    const labels = rows.map((r, i) => {
      const v = r[t];
      if ((typeof v !== 'string' && typeof v !== 'number') || (typeof v === 'string' && v.trim() === ''))
        throw new DataError(source, { ...cells.rowName(i), column: options.target }, 'a class name', show(v));
      return String(v).trim();
    });
    const known = options.classNames;
    if (known !== undefined) {
      const i = labels.findIndex((l) => !known.includes(l));
      if (i >= 0)
        throw new DataError(
          source,
          { ...cells.rowName(i), column: options.target },
          `one of the classNames ${known.map((k) => `'${k}'`).join(', ')}`,
          `'${labels[i]}'`,
        );
    }
    task = fromArrays(inputs, labels, { ...common, problem: 'classification' });
  }
  return { ...task, inputNames: features, targetName: options.target };
}

/** A task from a parsed CSV table (see {@link parseCsv}). */
export const fromTable = (table: CsvTable, options: TableOptions): TableTask =>
  build({ header: table.header, rows: table.rows, rowName: (i) => ({ row: table.lines[i] as number, rowLabel: 'line' }) }, options);

/**
 * A task from CSV text with a header row.
 *
 * @example
 * const task = fromCsv(readFileSync('iris.csv', 'utf8'), { target: 'species', source: 'iris.csv', standardise: true });
 */
export const fromCsv = (text: string, options: TableOptions & Pick<CsvOptions, 'delimiter'>): TableTask =>
  fromTable(
    parseCsv(text, {
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    }),
    options,
  );

/** A task from JSON records, one object per sample: `[{ "x1": 0.5, "x2": 1, "label": "a" }, ...]`. The columns are the first record's keys. */
export function fromRecords(records: unknown, options: TableOptions): TableTask {
  const source = options.source ?? 'records';
  if (!Array.isArray(records) || records.length === 0)
    throw new DataError(
      source,
      {},
      'a non-empty array of records ({ column: value } objects)',
      Array.isArray(records) ? 'an empty array' : typeof records,
    );
  const isRecord = (r: unknown): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r);
  const first: unknown = records[0];
  if (!isRecord(first))
    throw new DataError(
      source,
      { row: 0, rowLabel: 'record' },
      'an object of column values',
      Array.isArray(first) ? 'an array' : String(first),
    );
  const header = Object.keys(first);
  const rows = records.map((r: unknown, i) => {
    if (!isRecord(r))
      throw new DataError(source, { row: i, rowLabel: 'record' }, 'an object of column values', Array.isArray(r) ? 'an array' : String(r));
    for (const key of Object.keys(r))
      if (!header.includes(key))
        throw new DataError(
          source,
          { row: i, rowLabel: 'record', column: key },
          `only the columns of record 0 (${header.join(', ')})`,
          'an extra column',
        );
    return header.map((h) => r[h]);
  });
  return build({ header, rows, rowName: (i) => ({ row: i, rowLabel: 'record' }) }, options);
}
