import type { Direction } from '../runner/record.js';
import { baseMetric } from '../runner/anytime.js';

/**
 * A ladder of targets a run can reach one after another. `gap` targets are stated in value −
 * optimum (minimised metrics: reached when best − optimum ≤ t); `level` targets in the metric
 * itself (reached when best ≥ t, or ≤ t for a minimised metric without a known optimum).
 */
export type Ladder = Readonly<{
  /** `gap`: targets on value − optimum; `level`: targets on the value itself. */
  kind: 'gap' | 'level';
  /** Whether the metric is minimised or maximised. */
  direction: Direction;
  /** Every target, easiest first. */
  targets: readonly number[];
  /** The targets the ERT table shows (a readable subset, always with the hardest). */
  shown: readonly number[];
  /** How a target reads in a table header, e.g. `f − f_opt ≤ 1e-8` or `accuracy ≥ 0.9`. */
  label: (t: number) => string;
}>;

const decades = (from: number, to: number, perDecade: number): number[] =>
  Array.from({ length: Math.round((from - to) * perDecade) + 1 }, (_, k) => 10 ** (from - k / perDecade));

/**
 * COCO's ladder for objective functions: 10^2 … 10^−8, five targets per decade (51 in all), in
 * f − f_opt (Hansen et al. 2021, COCO, Optim. Methods Softw. 36(1), §4; the bbob runtime ECDFs).
 */
export const cocoTargets: readonly number[] = decades(2, -8, 5);
/** The columns of COCO's ERT tables (Hansen et al. 2010, BBOB-2009 results), plus the final 10^−8. */
const cocoShown = [1e1, 1, 1e-1, 1e-3, 1e-5, 1e-7, 1e-8];
/** Accuracy levels for classification: chance-ish to perfect. */
const accuracyTargets = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 1];
const r2Targets = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999];
/** Other minimised metrics (mse, loss): 10 … 10^−4, four per decade. */
const lossTargets = decades(1, -4, 4);

const fmt = (t: number): string =>
  t !== 0 && (Math.abs(t) < 1e-2 || Math.abs(t) >= 1e3) ? t.toExponential(0) : String(Number(t.toPrecision(4)));

/** About `n` targets spread over the ladder, the hardest always among them. */
function spread(targets: readonly number[], n: number): number[] {
  if (targets.length <= n) return [...targets];
  const step = (targets.length - 1) / (n - 1);
  return Array.from({ length: n }, (_, k) => targets[Math.round(k * step)] as number);
}

/**
 * The ladder for a task's traced metric. `observed` holds every run's first and best values, for
 * metrics without a natural scale (returns): ten evenly spaced levels from the lowest first value to
 * the highest best value seen on the task.
 */
export function ladderFor(metric: string, direction: Direction, hasOptimum: boolean, observed: readonly number[]): Ladder {
  const name = baseMetric(metric);
  if (direction === 'min') {
    const objective = name === 'objective' || hasOptimum;
    const targets = objective ? cocoTargets : lossTargets;
    return {
      kind: 'gap',
      direction,
      targets,
      shown: objective ? cocoShown : spread(targets, 7),
      label: (t) => `${objective ? 'f − f_opt' : name} ≤ ${fmt(t)}`,
    };
  }
  let targets: number[];
  if (name === 'accuracy') targets = accuracyTargets;
  else if (name === 'r2') targets = r2Targets;
  else {
    const finite = observed.filter(Number.isFinite);
    const lo = finite.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);
    const hi = finite.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
    targets = finite.length === 0 || hi <= lo ? [] : Array.from({ length: 10 }, (_, k) => lo + ((hi - lo) * (k + 1)) / 10);
  }
  return { kind: 'level', direction, targets, shown: spread(targets, 7), label: (t) => `${name} ≥ ${fmt(t)}` };
}

/** Whether a best-so-far value meets target `t` of the ladder (gap targets: best − optimum ≤ t). */
export function meets(ladder: Ladder, best: number, t: number, optimum: number | null): boolean {
  if (ladder.kind === 'gap') return best - (optimum ?? 0) <= t;
  return ladder.direction === 'max' ? best >= t : best <= t;
}
