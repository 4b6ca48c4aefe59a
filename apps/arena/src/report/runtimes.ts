import type { Currency } from '../experiment/schema.js';
import type { RunRecord } from '../runner/record.js';
import { type Ladder, meets } from './targets.js';

/** One row of a run's anytime profile: the cost so far in each currency (null where the file does not say) and the best value so far. */
export type TraceRow = Readonly<{ cost: Readonly<Record<Currency, number | null>>; best: number | null }>;

/** A run's anytime profile as read from its record. */
export type RunTrace = Readonly<{
  trainer: string;
  seed: number;
  ok: boolean;
  rows: readonly TraceRow[];
  /** What the whole run cost, per currency (null where unknown). */
  total: Readonly<Record<Currency, number | null>>;
  optimum: number | null;
  /** True for records written before anytime traces: rebuilt from the downsampled curve, so hitting times are upper bounds. */
  approximate: boolean;
}>;

const bestSoFar = (values: readonly (number | null)[], direction: 'max' | 'min'): (number | null)[] => {
  let best: number | null = null;
  return values.map((v) => {
    if (v !== null && Number.isFinite(v) && (best === null || (direction === 'min' ? v < best : v > best))) best = v;
    return best;
  });
};

/**
 * The anytime profile of a record: its `anytime` trace, or for files written before it, the
 * downsampled learning curve (FLOPs, evaluations and wall time only). A failed run keeps its
 * rows out (it never counts as reaching a target) but its cost still counts in ERT.
 */
export function traceOf(r: RunRecord): RunTrace {
  const wall = r.timing.anytimeWallSeconds;
  const a = r.anytime;
  let rows: TraceRow[];
  let approximate = false;
  if (a !== undefined && a !== null) {
    rows = a.step.map((_, i) => ({
      cost: {
        flops: a.flops[i] ?? null,
        evaluations: a.evaluations[i] ?? null,
        gradientSteps: a.gradientSteps[i] ?? null,
        epochs: a.epochs[i] ?? null,
        generations: a.generations[i] ?? null,
        wallSeconds: wall?.[i] ?? null,
      },
      best: a.best[i] ?? null,
    }));
  } else {
    approximate = a === undefined;
    const best = bestSoFar(
      r.curve.map((p) => p.value),
      r.direction,
    );
    rows = r.curve.map((p, i) => ({
      cost: {
        flops: p.flops,
        evaluations: p.evaluations,
        gradientSteps: null,
        epochs: null,
        generations: null,
        wallSeconds: r.timing.curveWallSeconds[i] ?? null,
      },
      best: best[i] ?? null,
    }));
  }
  const lastWall = rows.at(-1)?.cost.wallSeconds ?? null;
  return {
    trainer: r.trainer,
    seed: r.seed,
    ok: r.ok,
    rows: r.ok ? rows : [],
    total: { ...r.cost, wallSeconds: lastWall ?? r.timing.wallSeconds },
    optimum: a?.optimum ?? null,
    approximate,
  };
}

/** The cost (in `currency`) at which a run first met target `t`, or null if it never did (or the currency is not recorded). */
export function hittingCost(trace: RunTrace, ladder: Ladder, t: number, currency: Currency): number | null {
  for (const row of trace.rows) if (row.best !== null && meets(ladder, row.best, t, trace.optimum)) return row.cost[currency];
  return null;
}
