import type { ProgressEvent } from '@evoprop/core';
import type { Direction } from './record.js';

/**
 * A run's anytime profile, column by column: the cost in every currency at the progress events
 * where its held-out value (the curve metric) first crossed a new level of a fine grid (see
 * {@link gridLevel}), plus the first and the last event. Every target on that grid, the ladders
 * of `report/targets.ts` included, is first reached at one of the kept events, so hitting times
 * (ECDFs, expected running times) read from it are exact, while a 20 000-generation run keeps a
 * few hundred rows. COCO logs the same way: a line each time f − f_opt crosses a new target
 * (Hansen et al. 2021, "COCO: a platform for comparing continuous optimizers in a black-box
 * setting", Optim. Methods Softw. 36(1), §3). Wall seconds live in `timing.anytimeWallSeconds`.
 */
export type AnytimeTrace = Readonly<{
  /** The history metric traced (`val.objective`, `val.accuracy`, ...). */
  metric: string;
  /** Whether lower (`min`) or higher (`max`) values of `metric` are better. */
  direction: Direction;
  /** The known optimum of an objective task (value − optimum is what targets are stated in); null otherwise. */
  optimum: number | null;
  /** Progress events the run emitted in all (the trace keeps a subset). */
  events: number;
  /** The trainer's step count at each kept event. */
  step: readonly number[];
  /** FLOPs spent by each kept event (cumulative, as every column). */
  flops: readonly number[];
  /** Evaluations (samples, episode steps or function values) spent by each kept event. */
  evaluations: readonly number[];
  /** Gradient steps taken by each kept event. */
  gradientSteps: readonly number[];
  /** Whole epochs done by each kept event. */
  epochs: readonly number[];
  /** Generations done by each kept event. */
  generations: readonly number[];
  /** The best value so far at each kept event (null before the metric was first reported). */
  best: readonly (number | null)[];
}>;

/** Grid steps: 20 per decade of value − optimum for minimised metrics, 0.001 for accuracy-like ones. */
const PER_DECADE = 20;
const LINEAR_STEP = 1e-3;
const bounded = new Set(['accuracy', 'r2', 'f1', 'precision', 'recall']);

/** The metric's base name: `val.accuracy` → `accuracy`. */
export const baseMetric = (metric: string): string => metric.slice(metric.lastIndexOf('.') + 1);

/**
 * The grid cell a best-so-far value lies in; a value in a higher cell is a crossing worth keeping.
 * Minimised: ⌊20·log10(1/(v − optimum))⌋ (+∞ at the optimum). Accuracy-like: ⌊v/0.001⌋. Anything
 * else (returns of unknown scale): the value itself, so every strict improvement is kept.
 */
export function gridLevel(value: number, direction: Direction, metric: string, optimum: number | null): number {
  if (direction === 'min') {
    const gap = value - (optimum ?? 0);
    return gap <= 0 ? Number.POSITIVE_INFINITY : Math.floor(-PER_DECADE * Math.log10(gap));
  }
  return bounded.has(baseMetric(metric)) ? Math.floor(value / LINEAR_STEP + 1e-9) : value;
}

/** Build the trace of a run's history; `wallSeconds` is aligned with the kept rows. */
export function anytimeTrace(
  history: readonly ProgressEvent[],
  metric: string,
  direction: Direction,
  optimum: number | null,
): { trace: AnytimeTrace; wallSeconds: number[] } {
  const cols = {
    step: [] as number[],
    flops: [] as number[],
    evaluations: [] as number[],
    gradientSteps: [] as number[],
    epochs: [] as number[],
    generations: [] as number[],
    best: [] as (number | null)[],
  };
  const wallSeconds: number[] = [];
  let best: number | null = null;
  let keptLevel = Number.NEGATIVE_INFINITY;
  history.forEach((e, i) => {
    const v = e.metrics[metric];
    if (v !== undefined && Number.isFinite(v) && (best === null || (direction === 'min' ? v < best : v > best))) best = v;
    const level = best === null ? Number.NEGATIVE_INFINITY : gridLevel(best, direction, metric, optimum);
    const crossed = level > keptLevel;
    if (!(crossed || i === 0 || i === history.length - 1)) return;
    if (crossed) keptLevel = level;
    cols.step.push(e.step);
    cols.flops.push(e.cost.flops);
    cols.evaluations.push(e.cost.evaluations);
    cols.gradientSteps.push(e.cost.gradientSteps);
    cols.epochs.push(e.cost.epochs);
    cols.generations.push(e.cost.generations);
    cols.best.push(best);
    // 0.1 ms is finer than any clock difference worth reporting, and keeps the file small.
    wallSeconds.push(Math.round(e.cost.wallSeconds * 1e4) / 1e4);
  });
  return { trace: { metric, direction, optimum, events: history.length, ...cols }, wallSeconds };
}
