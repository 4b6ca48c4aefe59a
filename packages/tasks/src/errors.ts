/** Base class of every error thrown by @evoprop/tasks. */
export class TaskError extends Error {
  /** The class name. */
  override name = 'TaskError';
}

/** A task id that is not in the registry. The message lists the ids that are. */
export class UnknownTaskError extends TaskError {
  /** The class name. */
  override name = 'UnknownTaskError';
  constructor(
    /** The id that was asked for. */
    readonly id: string,
    /** Every registered id. */
    readonly validIds: readonly string[],
  ) {
    super(`createTask: expected one of the task ids ${validIds.join(', ')}, got '${id}'`);
  }
}

/** Options that do not fit a task's schema. Names the task, each bad key, and what it expected. */
export class TaskOptionsError extends TaskError {
  /** The class name. */
  override name = 'TaskOptionsError';
  constructor(
    /** The task whose options failed. */
    readonly id: string,
    /** One sentence per bad key: the key, what it expected and what it got. */
    readonly problems: readonly string[],
  ) {
    super(`${id}: invalid options:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A data file that is missing, truncated or not what its header says (IDX files of MNIST, say). */
export class DatasetError extends TaskError {
  /** The class name. */
  override name = 'DatasetError';
  constructor(
    /** The file (or data set) that failed. */
    readonly file: string,
    /** What was expected in it. */
    readonly expected: string,
    /** What was found instead. */
    readonly actual: string,
  ) {
    super(`${file}: expected ${expected}, got ${actual}`);
  }
}

/** An environment was driven outside its protocol (step before reset, step after done, bad action). */
export class EnvironmentError extends TaskError {
  /** The class name. */
  override name = 'EnvironmentError';
  constructor(
    /** The environment that was misused, e.g. `'cart-pole'`. */
    readonly environment: string,
    /** What the protocol expected. */
    readonly expected: string,
    /** What happened instead. */
    readonly actual: string,
  ) {
    super(`${environment}: expected ${expected}, got ${actual}`);
  }
}

/**
 * A user's data that cannot become a task: a ragged row, a NaN, a label out of range, too few
 * rows. Names where (`row`, `column`) as the user counts them: an array index for arrays, the
 * line of a CSV file, the column's header name where there is one.
 */
export class DataError extends TaskError {
  /** The class name. */
  override name = 'DataError';
  constructor(
    /** What was being read: `'fromArrays inputs'`, `'data.csv'`. */
    readonly source: string,
    /** Where in it: `{ row: 3, column: 'petal_width' }`; either may be absent for whole-table problems. */
    readonly at: Readonly<{
      /** The row as the user counts it: array index, file line, record index. */
      row?: number;
      /** The column: its header name, or its index. */
      column?: string | number;
      /** What a row is called in the message: `'row'`, `'line'`, `'record'` (default `'row'`). */
      rowLabel?: string;
    }>,
    /** What was expected there. */
    readonly expected: string,
    /** What was found instead. */
    readonly actual: string,
  ) {
    const where = [
      at.row === undefined ? '' : `${at.rowLabel ?? 'row'} ${at.row}`,
      at.column === undefined ? '' : typeof at.column === 'number' ? `column ${at.column}` : `column '${at.column}'`,
    ]
      .filter((s) => s !== '')
      .join(', ');
    super(`${source}${where === '' ? '' : ` (${where})`}: expected ${expected}, got ${actual}`);
  }
}
