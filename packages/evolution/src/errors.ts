/** Thrown for invalid strategy or trainer configuration and mismatched ask/tell arguments. */
export class EvolutionError extends Error {
  override name = 'EvolutionError';
  constructor(
    readonly where: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${where}: expected ${expected}, got ${actual}`);
  }
}

/** A worker thread failed to evaluate a candidate even after retries. */
export class WorkerEvaluationError extends Error {
  override name = 'WorkerEvaluationError';
  constructor(
    readonly generation: number,
    readonly index: number,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `evaluation of candidate ${index} in generation ${generation} failed after ${attempts} attempt(s): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}
