/** Base class of every error thrown by @evoprop/tasks. */
export class TaskError extends Error {
  override name = 'TaskError';
}

/** A task id that is not in the registry. The message lists the ids that are. */
export class UnknownTaskError extends TaskError {
  override name = 'UnknownTaskError';
  constructor(
    readonly id: string,
    readonly validIds: readonly string[],
  ) {
    super(`createTask: expected one of the task ids ${validIds.join(', ')}, got '${id}'`);
  }
}

/** Options that do not fit a task's schema. Names the task, each bad key, and what it expected. */
export class TaskOptionsError extends TaskError {
  override name = 'TaskOptionsError';
  constructor(
    readonly id: string,
    readonly problems: readonly string[],
  ) {
    super(`${id}: invalid options:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A data file that is missing, truncated or not what its header says (IDX files of MNIST, say). */
export class DatasetError extends TaskError {
  override name = 'DatasetError';
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${file}: expected ${expected}, got ${actual}`);
  }
}

/** An environment was driven outside its protocol (step before reset, step after done, bad action). */
export class EnvironmentError extends TaskError {
  override name = 'EnvironmentError';
  constructor(
    readonly environment: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${environment}: expected ${expected}, got ${actual}`);
  }
}
