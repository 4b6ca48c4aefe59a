import { deprecatedKeys } from '@evoprop/core/config';
import { z } from 'zod';

/**
 * Stop criteria every strategy honours: a fitness target and the budget (pycma's ftarget, maxfevals,
 * maxiter), the budget keys named as in a trainer's `Budget` (`{ generations, evaluations }`).
 */
const budgetShape = {
  /** Stop once the best fitness is at or below this value (pycma's `ftarget`). Default none. */
  targetFitness: z.number().optional().meta({ unit: 'fitness units' }),
  /** Stop once this many fitness evaluations have been told (evaluations, an integer > 0; pycma's `maxfevals`). Default none. Formerly `maxEvaluations`. */
  evaluations: z.number().int().positive().optional().meta({ unit: 'evaluations' }),
  /** Stop after this many generations (generations, an integer > 0; pycma's `maxiter`). Default none. Formerly `maxGenerations`. */
  generations: z.number().int().positive().optional().meta({ unit: 'generations' }),
};

/** The budget criteria's names before they took the `Budget`'s. */
const oldBudgetNames = { maxEvaluations: 'evaluations', maxGenerations: 'generations' } as const;

/** The distribution tolerances of the CMA-ES family (pycma's tolfun, tolx, tolconditioncov). */
const cmaShape = {
  ...budgetShape,
  /** Stop when the best fitness of the last generations and all of this one span less than this, ≥ 0. Default 1e-11. */
  tolFun: z.number().nonnegative().default(1e-11).meta({ unit: 'fitness units' }),
  /** Stop when every coordinate's standard deviation (and evolution path) is below this, ≥ 0. Default 1e-11. */
  tolX: z.number().nonnegative().default(1e-11).meta({ unit: 'weight units' }),
  /** Stop when the covariance's condition number exceeds this, > 0. Default 1e14. */
  tolConditionCov: z.number().positive().default(1e14).meta({ unit: 'ratio' }),
};

/** Natural evolution strategies honour the budget and tolX on their step sizes. */
const nesShape = {
  ...budgetShape,
  /** Stop when every standard deviation (SNES) or the global step size (xNES) is below this, ≥ 0. Default 1e-11. */
  tolX: z.number().nonnegative().default(1e-11).meta({ unit: 'weight units' }),
};

/**
 * A strict object schema whose unknown keys fail with a message naming the strategy family and
 * the criteria it does honour, so `stop: { tolX: 1e-8 }` on a GA is an error, not silently ignored.
 */
function stopCriteria<Shape extends z.ZodRawShape>(family: string, shape: Shape) {
  const known = Object.keys(shape);
  const schema = z.looseObject(shape).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `'${key}' is not a stop criterion ${family} honours (expected one of ${known.join(', ')})`,
      });
    }
  });
  return deprecatedKeys(schema, oldBudgetNames) as unknown as z.ZodObject<Shape, z.core.$strict>;
}

/** Stop criteria of the GA, OpenAI-ES and PGPE: target and budget only. */
export const budgetStopSchema = stopCriteria('this strategy (GA, OpenAI-ES, PGPE)', budgetShape);
/** Stop criteria of SNES and xNES: target, budget and tolX. */
export const nesStopSchema = stopCriteria('a natural evolution strategy (SNES, xNES)', nesShape);
/** Stop criteria of the CMA-ES family (CMA-ES, sep-CMA-ES, IPOP/BIPOP): target, budget, tolFun, tolX, tolConditionCov. */
export const cmaStopSchema = stopCriteria('the CMA-ES family', cmaShape);
/** The CMA-ES family's stop criteria (the widest set), kept under its old name. */
export const stopSchema = cmaStopSchema;

/** Parsed stop criteria of the budget-only family. */
export type BudgetStopConfig = z.output<typeof budgetStopSchema>;
/** Parsed stop criteria of the natural evolution strategies. */
export type NesStopConfig = z.output<typeof nesStopSchema>;
/** Parsed stop criteria of the CMA-ES family (defaults filled in); see {@link cmaStopSchema}. */
export type StopConfig = z.output<typeof cmaStopSchema>;

/** The budget/target criteria every strategy honours; the distribution-specific ones live with each strategy. */
export function budgetStop(stop: BudgetStopConfig, generation: number, evaluations: number, bestFitness: number): string | null {
  if (stop.targetFitness !== undefined && bestFitness <= stop.targetFitness) return 'targetFitness';
  if (stop.evaluations !== undefined && evaluations >= stop.evaluations) return 'evaluations';
  if (stop.generations !== undefined && generation >= stop.generations) return 'generations';
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

/**
 * The CMA family's own criteria, in pycma's order: tolFun (see {@link tolFunStop}), tolX (every
 * σ·√C_ii and σ·|p_c,i| below it), tolConditionCov (`condition()`, the covariance's condition number).
 */
export function cmaToleranceStop(
  stop: StopConfig,
  tolFun: Readonly<{
    /** Best fitness of the previous generations. */
    recentBest: readonly number[];
    /** How many generations tolFun looks back. */
    historyLength: number;
    /** This generation's fitness. */
    fitness: Float64Array;
  }>,
  sigma: number,
  pc: Float64Array,
  variance: (i: number) => number,
  condition: () => number,
): string | null {
  if (tolFunStop(stop, tolFun.recentBest, tolFun.historyLength, tolFun.fitness)) return 'tolFun';
  let small = true;
  for (let i = 0; i < pc.length && small; i++) small = sigma * Math.sqrt(variance(i)) < stop.tolX && sigma * Math.abs(pc[i]) < stop.tolX;
  if (small) return 'tolX';
  if (condition() > stop.tolConditionCov) return 'tolConditionCov';
  return null;
}
