import { type Currency, costCurrencies } from '../experiment/schema.js';
import type { HeaderRecord, RunRecord } from '../runner/record.js';
import { expectedRunningTime } from '../stats/ert.js';
import { holm } from '../stats/holm.js';
import { runtimeRankSum } from '../stats/runtime-test.js';
import { type EcdfGroup, type EcdfPoint, ecdfPoints } from './ecdf.js';
import { type RunTrace, hittingCost, traceOf } from './runtimes.js';
import { type Ladder, ladderFor } from './targets.js';

/** One trainer's expected running times to the shown targets of its task. */
export type ErtRow = Readonly<{
  /** The trainer's label. */
  trainer: string;
  /** Its runs on the task, failed ones included. */
  runs: number;
  /** ERT per shown target, in the task's currency; null = ∞ (no run reached it). */
  ert: readonly (number | null)[];
  /** Runs that reached each shown target. */
  successes: readonly number[];
  /** True when some runs come from a file written before anytime traces (hitting costs read off the downsampled curve). */
  approximate: boolean;
}>;

/** A task's anytime view: its ladder, ERT table and ECDF, in one currency. */
export type AnytimeTask = Readonly<{
  /** The task's label. */
  task: string;
  /** The currency of its ERTs and ECDF. */
  currency: Currency;
  /** The traced metric, e.g. `val.objective`. */
  metric: string;
  /** The whole ladder (the ECDF's targets). */
  targets: readonly number[];
  /** The targets of the ERT table. */
  shown: readonly number[];
  /** Headers of the shown targets, e.g. `f − f_opt ≤ 1e-8`. */
  labels: readonly string[];
  /** The whole ladder in words, e.g. `51 targets, f − f_opt ≤ 100 … f − f_opt ≤ 1e-8`. */
  ladder: string;
  /** One ERT row per trainer. */
  rows: readonly ErtRow[];
  /** The runtime ECDF over the whole ladder. */
  ecdf: readonly EcdfPoint[];
  /** False when no run recorded this currency (an older file asked for gradient steps, say). */
  recorded: boolean;
}>;

/** One declared runtime comparison on one task. */
export type RuntimeComparison = Readonly<{
  /** The task's label. */
  task: string;
  /** The trainer the comparison is about. */
  trainer: string;
  /** The opponent. */
  against: string;
  /** The target, in the ladder's terms (f − f_opt ≤ target, accuracy ≥ target). */
  target: number;
  /** The target as a table reads it, e.g. `f − f_opt ≤ 1e-8`. */
  label: string;
  /** The cost being compared. */
  currency: Currency;
  /** Runs of each side. */
  runs: readonly [number, number];
  /** Runs of each side that reached the target. */
  successes: readonly [number, number];
  /** ERT of each side; null = ∞. */
  ert: readonly [number | null, number | null];
  /** Mann-Whitney U of `trainer`'s runs. */
  u: number;
  /** Two-sided p before correction. */
  p: number;
  /** Holm-adjusted over every declared comparison of the experiment. */
  pHolm: number;
  /** `exact` or `asymptotic` (ties or more than 8 runs a side). */
  method: string;
  /** Which side tends to need less (by mean rank), whatever the p-value. */
  better: 'trainer' | 'against' | 'neither';
}>;

/** The anytime part of the report: per task ERT and ECDF, the suite-wide ECDF and the declared comparisons. */
export type AnytimeReport = Readonly<{
  /** The currency asked for with --currency, or null (each task in its budget's currency). */
  currency: Currency | null;
  tasks: readonly AnytimeTask[];
  /** Tasks grouped by currency: ECDF over all their (run, target) pairs, when more than one task shares it. */
  overall: readonly Readonly<{ currency: Currency; tasks: readonly string[]; ecdf: readonly EcdfPoint[] }>[];
  /** The experiment's declared comparisons, Holm-corrected together. */
  comparisons: readonly RuntimeComparison[];
}>;

type Budget = HeaderRecord['experiment']['budget'];

/** The currency a budget caps (the one every trainer is compared in). */
export const budgetCurrency = (b: Budget): Currency => costCurrencies.find((c) => b[c] !== undefined) ?? 'flops';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

type TaskData = Readonly<{ task: string; ladder: Ladder; traces: readonly RunTrace[]; currency: Currency; metric: string }>;

function taskData(task: string, records: readonly RunRecord[], budget: Budget, currency: Currency | null): TaskData | null {
  const sample = records.find((r) => r.ok && (r.anytime !== undefined ? r.anytime !== null : r.curve.length > 0));
  if (sample === undefined) return null;
  const traces = records.map(traceOf);
  const observed = traces.flatMap((t) =>
    t.rows.flatMap((row, i) => (row.best !== null && (i === 0 || i === t.rows.length - 1) ? [row.best] : [])),
  );
  const metric = sample.anytime?.metric ?? sample.curveMetric ?? sample.metric;
  const ladder = ladderFor(metric, sample.direction, sample.anytime?.optimum !== undefined && sample.anytime?.optimum !== null, observed);
  if (ladder.targets.length === 0) return null;
  return { task, ladder, traces, currency: currency ?? budgetCurrency(budget), metric };
}

function ertRows(d: TaskData): ErtRow[] {
  const trainers = [...new Set(d.traces.map((t) => t.trainer))];
  return trainers.map((trainer) => {
    const mine = d.traces.filter((t) => t.trainer === trainer);
    const outcomes = d.ladder.shown.map((target) =>
      mine.map((t) => ({ hit: hittingCost(t, d.ladder, target, d.currency), total: t.total[d.currency] ?? 0 })),
    );
    return {
      trainer,
      runs: mine.length,
      ert: outcomes.map((o) => finite(expectedRunningTime(o))),
      successes: outcomes.map((o) => o.filter((x) => x.hit !== null).length),
      approximate: mine.some((t) => t.approximate),
    };
  });
}

/**
 * How far a run that missed got by cost `budget`, lower is better: its best gap to the optimum
 * (or minus its best value, for a maximised metric) among the rows that cost at most `budget`;
 * null when it had none by then.
 */
function gapAt(t: RunTrace, ladder: Ladder, currency: Currency, budget: number): number | null {
  let best: number | null = null;
  for (const row of t.rows) {
    const c = row.cost[currency];
    if (c === null || c > budget) break;
    best = row.best;
  }
  if (best === null) return null;
  return ladder.kind === 'gap' ? best - (t.optimum ?? 0) : ladder.direction === 'max' ? -best : best;
}

function comparisons(header: HeaderRecord, data: readonly TaskData[]): RuntimeComparison[] {
  const declared = header.experiment.comparisons ?? [];
  const rows: Omit<RuntimeComparison, 'pHolm'>[] = [];
  for (const c of declared) {
    for (const task of c.tasks) {
      const d = data.find((x) => x.task === task);
      if (d === undefined) continue;
      const target = c.target ?? (d.ladder.targets.at(-1) as number);
      const side = (trainer: string) => {
        const runs = d.traces.filter((t) => t.trainer === trainer);
        const hits = runs.map((t) => hittingCost(t, d.ladder, target, d.currency));
        const ert = finite(expectedRunningTime(runs.map((t, i) => ({ hit: hits[i] ?? null, total: t.total[d.currency] ?? 0 }))));
        return { runs, hits, ert };
      };
      const a = side(c.trainer);
      for (const other of c.against) {
        const b = side(other);
        if (a.runs.length === 0 || b.runs.length === 0) continue;
        // COCO compares the runs that missed by their best value at the smallest budget any of them used up.
        const missed = [a, b].flatMap((s) => s.runs.filter((_, i) => s.hits[i] === null));
        const budget = missed.reduce((m, t) => Math.min(m, t.total[d.currency] ?? 0), Number.POSITIVE_INFINITY);
        const samples = (s: typeof a) =>
          s.runs.map((t, i) => {
            const hit = s.hits[i] ?? null;
            return { hit, finalGap: hit === null ? gapAt(t, d.ladder, d.currency, budget) : null };
          });
        const aSamples = samples(a);
        const bSamples = samples(b);
        const test = runtimeRankSum(aSamples, bSamples);
        rows.push({
          task,
          trainer: c.trainer,
          against: other,
          target,
          label: d.ladder.label(target),
          currency: d.currency,
          runs: [a.runs.length, b.runs.length],
          successes: [aSamples.filter((x) => x.hit !== null).length, bSamples.filter((x) => x.hit !== null).length],
          ert: [a.ert, b.ert],
          u: test.u,
          p: test.p,
          method: test.method,
          better: test.better === 'first' ? 'trainer' : test.better === 'second' ? 'against' : 'neither',
        });
      }
    }
  }
  const adjusted = holm(rows.map((r) => r.p));
  return rows.map((r, i) => ({ ...r, pHolm: adjusted[i] as number }));
}

/**
 * The anytime view of a results file: per task the target ladder (`targets.ts`), each trainer's
 * ERT to the shown targets and the runtime ECDF, in `currency` (default: each task's budget
 * currency), plus the experiment's declared runtime comparisons, Holm-corrected together.
 * Pure and deterministic: the same records give the same report (wall-time currency aside).
 */
export function anytimeReport(header: HeaderRecord, records: readonly RunRecord[], currency: Currency | null = null): AnytimeReport {
  const data = header.experiment.tasks.flatMap((plan) => {
    const d = taskData(
      plan.label,
      records.filter((r) => r.task === plan.label),
      plan.budget,
      currency,
    );
    return d === null ? [] : [d];
  });
  const tasks = data.map(
    (d): AnytimeTask => ({
      task: d.task,
      currency: d.currency,
      metric: d.metric,
      targets: d.ladder.targets,
      shown: d.ladder.shown,
      labels: d.ladder.shown.map(d.ladder.label),
      ladder: `${d.ladder.targets.length} targets, ${d.ladder.label(d.ladder.targets[0] as number)} … ${d.ladder.label(d.ladder.targets.at(-1) as number)}`,
      rows: ertRows(d),
      ecdf: ecdfPoints([{ ladder: d.ladder, traces: d.traces }], d.currency),
      recorded: d.traces.some((t) => t.rows.some((r) => r.cost[d.currency] !== null)),
    }),
  );
  const overall = [...new Set(data.map((d) => d.currency))].flatMap((c) => {
    const mine = data.filter((d) => d.currency === c);
    if (mine.length < 2) return [];
    const groups: EcdfGroup[] = mine.map((d) => ({ ladder: d.ladder, traces: d.traces }));
    return [{ currency: c, tasks: mine.map((d) => d.task), ecdf: ecdfPoints(groups, c) }];
  });
  return { currency, tasks, overall, comparisons: comparisons(header, data) };
}
