import type { Cost } from './cost.js';

/** A target on a metric: stop as soon as it is reached. */
export type TargetMetric = Readonly<{
  /** A key of the step metrics, e.g. `'val.accuracy'`, `'loss'` or `'objective'`. */
  metric: string;
  /** The threshold, in the metric's own units. */
  value: number;
  /** 'max' (default for accuracy-like metrics): reached when metric ≥ value; 'min': when ≤ value. */
  direction?: 'max' | 'min';
}>;

/** Caps on any of the cost currencies, and/or a target metric. A run stops at whichever comes first. */
export type Budget = Readonly<{
  /** Cap on floating-point operations counted by the kernels. */
  flops?: number;
  /** Cap on forward evaluations (samples, or episode steps). */
  evaluations?: number;
  /** Cap on backward passes / optimizer steps. */
  gradientSteps?: number;
  /** Cap on passes over the training split. */
  epochs?: number;
  /** Cap on evolutionary generations. */
  generations?: number;
  /** Cap on wall-clock seconds (not reproducible: prefer the other currencies when comparing). */
  wallSeconds?: number;
  /** Stop as soon as this metric reaches its threshold (status `'reached-target'`). */
  target?: TargetMetric;
}>;

const costKeys = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations', 'wallSeconds'] as const;

/** The first cost cap that `cost` has reached, or null. */
export function exhaustedBy(budget: Budget, cost: Cost): (typeof costKeys)[number] | null {
  for (const key of costKeys) {
    const cap = budget[key];
    if (cap !== undefined && cost[key] >= cap) return key;
  }
  return null;
}

/** Whether `metrics` satisfies the budget's target. */
export function reachedTarget(budget: Budget, metrics: Readonly<Record<string, number>>): boolean {
  const t = budget.target;
  if (t === undefined) return false;
  const v = metrics[t.metric];
  if (v === undefined || Number.isNaN(v)) return false;
  return (t.direction ?? 'max') === 'max' ? v >= t.value : v <= t.value;
}

/** True when the budget has at least one cap that can end a run. */
export const isBounded = (budget: Budget): boolean => costKeys.some((k) => budget[k] !== undefined) || budget.target !== undefined;
