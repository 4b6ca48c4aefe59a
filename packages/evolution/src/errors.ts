import { CoreError } from '@evoprop/core';

/** Thrown for invalid strategy or trainer configuration and mismatched ask/tell arguments. */
export class EvolutionError extends CoreError {
  /** Always `'EvolutionError'`. */
  override name = 'EvolutionError';
}

/** A worker thread failed to evaluate a candidate even after retries. */
export class WorkerEvaluationError extends Error {
  /** Always `'WorkerEvaluationError'`. */
  override name = 'WorkerEvaluationError';
  constructor(
    /** Generation of the failed candidate (0 for the first). */
    readonly generation: number,
    /** Index of the failed candidate in its population. */
    readonly index: number,
    /** Attempts made (the first try plus the retries). */
    readonly attempts: number,
    /** The error of the last attempt. */
    override readonly cause: unknown,
  ) {
    super(
      `evaluation of candidate ${index} in generation ${generation} failed after ${attempts} attempt(s): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}
