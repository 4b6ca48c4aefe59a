import { ConfigError } from '../errors.js';
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

/** Currencies counted in whole units: a cap on them must be an integer. FLOPs and seconds may be fractional. */
const countKeys: ReadonlySet<string> = new Set(['evaluations', 'gradientSteps', 'epochs', 'generations']);
const budgetKeys: readonly string[] = [...costKeys, 'target'];

const show = (v: unknown): string => (typeof v === 'number' ? String(v) : v === undefined ? 'undefined' : (JSON.stringify(v) ?? String(v)));

/**
 * Throw a {@link ConfigError} naming the key unless `budget` can end a run: an object with
 * only known keys, at least one cap or a target, every cap finite and > 0 (an integer for
 * the counted currencies: evaluations, gradient steps, epochs, generations), and a target
 * with a metric name, a finite value and a direction of 'max' or 'min'. The CLI's schema
 * says the same; this is the library's own check, so `fit({ budget: { epochs: NaN } })`
 * fails at once instead of never stopping. `where` prefixes the key (e.g. the trainer id).
 *
 * @example
 * validateBudget({ epochs: -1 }, 'backprop'); // ConfigError: backprop budget.epochs: expected a positive integer, got -1
 */
export function validateBudget(budget: Budget, where = 'fit'): void {
  const at = `${where} budget`;
  if (budget === null || typeof budget !== 'object' || Array.isArray(budget)) throw new ConfigError(at, 'an object of caps', show(budget));
  const unknown = Object.keys(budget).filter((k) => !budgetKeys.includes(k));
  if (unknown.length > 0) {
    throw new ConfigError(
      at,
      `only known keys (${budgetKeys.join(', ')})`,
      `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}`,
    );
  }
  for (const key of costKeys) {
    const cap: unknown = budget[key];
    if (cap === undefined) continue;
    const counted = countKeys.has(key);
    const ok = typeof cap === 'number' && Number.isFinite(cap) && cap > 0 && (!counted || Number.isInteger(cap));
    if (!ok) throw new ConfigError(`${at}.${key}`, counted ? 'a positive integer' : 'a finite number > 0', show(cap));
  }
  const target: unknown = budget.target;
  if (target !== undefined) {
    if (target === null || typeof target !== 'object') throw new ConfigError(`${at}.target`, '{ metric, value, direction? }', show(target));
    const t = target as Record<string, unknown>;
    const extra = Object.keys(t).filter((k) => k !== 'metric' && k !== 'value' && k !== 'direction');
    if (extra.length > 0)
      throw new ConfigError(
        `${at}.target`,
        'only known keys (metric, value, direction)',
        `unknown key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `'${k}'`).join(', ')}`,
      );
    if (typeof t.metric !== 'string' || t.metric.length === 0)
      throw new ConfigError(`${at}.target.metric`, 'a metric name', show(t.metric));
    if (typeof t.value !== 'number' || !Number.isFinite(t.value))
      throw new ConfigError(`${at}.target.value`, 'a finite number', show(t.value));
    if (t.direction !== undefined && t.direction !== 'max' && t.direction !== 'min')
      throw new ConfigError(`${at}.target.direction`, "'max' or 'min'", show(t.direction));
  }
  if (!isBounded(budget)) {
    throw new ConfigError(at, `at least one cap (${costKeys.join(', ')}) or a target`, JSON.stringify(budget));
  }
}
