/**
 * The `file` task: a user's CSV or JSON data file as an arena task. An experiment names it as
 * `tasks: [{ file: data.csv, target: label }]` (paths relative to the experiment file); the
 * entry reads the file with @evoprop/tasks' `fromCsv` / `fromRecords`, so every task seed gives
 * its own seeded split of the same rows. A bad file fails when the experiment is checked, before
 * any run starts, with the line (or record) and column of the bad cell.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, relative } from 'node:path';
import type { Task } from '@evoprop/core';
import { type TableOptions, TaskError, fromCsv, fromRecords } from '@evoprop/tasks';
import { z } from 'zod';
import type { TaskEntry } from './catalog.js';

/** The catalog id of data-file tasks. */
export const fileTaskId = 'file';

const fileOptionsShape = {
  /** The data file: `.csv`, `.tsv` or `.json` (an array of records). */
  file: z.string().min(1),
  /** The column to predict. */
  target: z.string().min(1),
  /** Needed for a numeric target column; a column of names is classification. */
  problem: z.enum(['classification', 'regression']).optional(),
  /** Input columns (default: every other column). */
  features: z.array(z.string().min(1)).min(1).optional(),
  /** Fraction of rows held out for validation (0 = validate on the training rows). */
  validation: z.number().min(0).max(0.9).default(0.2).meta({ unit: 'fraction of rows' }),
  /** Fraction of rows held out for the test (0 = test on the training rows). */
  test: z.number().min(0).max(0.9).default(0.2).meta({ unit: 'fraction of rows' }),
  /** Standardise inputs with the training split's mean and std. */
  standardise: z.boolean().default(false),
  /** Class names in index order (default: the names found, sorted). */
  classNames: z.array(z.string().min(1)).min(2).optional(),
  /** Cell separator of a CSV file (default ',' — tab for .tsv). */
  delimiter: z.string().length(1).optional(),
};

/** The keys a `{ file, ... }` task entry may carry besides `label` and `budget`. */
export const fileTaskKeys = Object.keys(fileOptionsShape);

type FileOptions = z.output<z.ZodObject<typeof fileOptionsShape>>;

/** The path as a user would write it: relative to the working directory when it is below it. */
const shown = (file: string): string => {
  const r = relative(process.cwd(), file);
  return isAbsolute(file) && !r.startsWith('..') && r !== '' ? r : file;
};

/** Read and check the data file into a task for `seed`. Throws a TaskError (a DataError names line and column). */
export function readFileTask(options: FileOptions, seed: number): Task {
  const source = shown(options.file);
  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (e) {
    throw new TaskError(`${source}: expected a readable data file, got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { file: _file, delimiter, ...rest } = options;
  const table: TableOptions = { ...rest, seed, source, id: basename(options.file) };
  const ext = extname(options.file).toLowerCase();
  if (ext === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new TaskError(`${source}: expected JSON records, got invalid JSON (${(e as Error).message})`);
    }
    return fromRecords(json, table);
  }
  if (ext !== '.csv' && ext !== '.tsv' && ext !== '.txt')
    throw new TaskError(`${source}: expected a .csv, .tsv or .json data file, got '${ext === '' ? '(no extension)' : ext}'`);
  return fromCsv(text, { ...table, delimiter: delimiter ?? (ext === '.tsv' ? '\t' : ',') });
}

/** Options schema of the `file` task: checking them reads the file, so a bad cell fails the experiment up front. */
const fileOptionsSchema = z.strictObject(fileOptionsShape).superRefine((o, ctx) => {
  try {
    readFileTask(o, 0);
  } catch (e) {
    if (!(e instanceof TaskError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message, path: [] });
  }
});

/** The catalog entry of data-file tasks. */
export const fileTaskEntry: TaskEntry = {
  id: fileTaskId,
  description: 'Your data: a CSV or JSON file — tasks: [{ file: data.csv, target: label }] in an experiment file.',
  optionsSchema: fileOptionsSchema,
  create: (seed, options) => readFileTask(fileOptionsSchema.parse(options), seed),
};
