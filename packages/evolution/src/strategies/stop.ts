import { z } from 'zod';

/** Stop criteria shared by the CMA-ES family (pycma's names: ftarget, maxfevals, tolfun, tolx). */
export const stopSchema = z.strictObject({
  /** Stop once the best fitness is at or below this value (pycma's `ftarget`). Default none. */
  targetFitness: z.number().optional(),
  /** Stop once this many fitness evaluations have been told, an integer > 0. Default none. */
  maxEvaluations: z.number().int().positive().optional(),
  /** Stop after this many generations, an integer > 0. Default none. */
  maxGenerations: z.number().int().positive().optional(),
  /** Stop when the best fitness of the last generations and all of this one span less than this, ≥ 0. Default 1e-11. */
  tolFun: z.number().nonnegative().default(1e-11),
  /** Stop when every coordinate's standard deviation (and evolution path) is below this, ≥ 0. Default 1e-11. */
  tolX: z.number().nonnegative().default(1e-11),
  /** Stop when the covariance's condition number exceeds this, > 0. Default 1e14. */
  tolConditionCov: z.number().positive().default(1e14),
});
/** Parsed stop criteria (defaults filled in); see the {@link stopSchema} schema. */
export type StopConfig = z.output<typeof stopSchema>;

/** The budget/target criteria; the distribution-specific ones live with each strategy. */
export function budgetStop(stop: StopConfig, generation: number, evaluations: number, bestFitness: number): string | null {
  if (stop.targetFitness !== undefined && bestFitness <= stop.targetFitness) return 'targetFitness';
  if (stop.maxEvaluations !== undefined && evaluations >= stop.maxEvaluations) return 'maxEvaluations';
  if (stop.maxGenerations !== undefined && generation >= stop.maxGenerations) return 'maxGenerations';
  return null;
}

/** Hansen 2016 / pycma: range of recent best values and of the current generation both under tolFun. */
export function tolFunStop(stop: StopConfig, recentBest: readonly number[], historyLength: number, fitness: Float64Array): boolean {
  if (recentBest.length < historyLength) return false;
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of recentBest) {
    lo = Math.min(lo, f);
    hi = Math.max(hi, f);
  }
  for (const f of fitness) {
    lo = Math.min(lo, f);
    hi = Math.max(hi, f);
  }
  return hi - lo < stop.tolFun;
}
