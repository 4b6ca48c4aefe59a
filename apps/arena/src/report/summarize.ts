import { Rng } from '@evoprop/tensor';
import { reportTrainers } from '../tuning/plan.js';
import type { Reconstructions } from '../runner/evaluate.js';
import type { HeaderRecord, RunRecord } from '../runner/record.js';
import { bootstrapCi } from '../stats/bootstrap.js';
import { holm } from '../stats/holm.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { mean, median, std } from '../stats/summary.js';

export type TrainerSummary = Readonly<{
  trainer: string;
  trainerId: string;
  /** Trainable-and-frozen parameter count of the returned models, smallest and largest over the runs (NEAT's vary); null without a model. */
  parameters: Readonly<{ min: number; max: number }> | null;
  runs: number;
  failed: number;
  /** Runs that spent beyond the budget's cap: their numbers are not an equal-compute comparison. */
  overBudget: number;
  failures: readonly Readonly<{ seed: number; status: string; reason: string }>[];
  /** Share of runs that met the target (the budget's, else the task's `solvedAt`); null without a target. */
  successRate: number | null;
  mean: number | null;
  std: number | null;
  median: number | null;
  /** Seeded percentile-bootstrap 95 % CI of the mean. */
  ci: readonly [number, number] | null;
  /** Medians over the runs that reached the target. */
  toTarget: Readonly<{ runs: number; flops: number | null; evaluations: number | null; wallSeconds: number | null }>;
  rank: number;
  best: boolean;
  /** Two-sided Mann-Whitney U against the best trainer; p Holm-corrected over the task's comparisons. */
  vsBest: Readonly<{ u: number; p: number; pHolm: number; method: string }> | null;
  /** Text tasks: the strings sampled from the model of the lowest-seed run that has them (`extras.samples`). */
  samples?: readonly string[];
  /** Unsupervised tasks: test samples and their reconstructions by the lowest-seed run that has them (`extras.reconstructions`). */
  reconstructions?: Reconstructions;
}>;

export type TaskSummary = Readonly<{
  task: string;
  metric: string;
  direction: 'max' | 'min';
  target: RunRecord['target'];
  budget: HeaderRecord['experiment']['budget'];
  trainers: readonly TrainerSummary[];
}>;

export type Summary = Readonly<{
  experiment: string;
  description?: string;
  budget: HeaderRecord['experiment']['budget'];
  runs: number;
  complete: boolean;
  skipped: readonly string[];
  tasks: readonly TaskSummary[];
}>;

/** `{ samples }` of the lowest-seed run that recorded sampled strings, or nothing. */
function samplesOf(rs: readonly RunRecord[]): { samples?: readonly string[] } {
  const stringsOf = (r: RunRecord): string[] | undefined => {
    const samples = r.extras?.samples;
    return Array.isArray(samples) && samples.every((v) => typeof v === 'string') ? samples : undefined;
  };
  const run = [...rs].sort((a, b) => a.seed - b.seed).find((r) => stringsOf(r) !== undefined);
  return run === undefined ? {} : { samples: stringsOf(run) as string[] };
}

/** `{ reconstructions }` of the lowest-seed run that recorded them, or nothing. */
function reconstructionsOf(rs: readonly RunRecord[]): { reconstructions?: Reconstructions } {
  const of = (r: RunRecord): Reconstructions | undefined => {
    const v = r.extras?.reconstructions as Reconstructions | undefined;
    return typeof v === 'object' && v !== null && (v.kind === 'image' || v.kind === 'points') ? v : undefined;
  };
  const run = [...rs].sort((a, b) => a.seed - b.seed).find((r) => of(r) !== undefined);
  return run === undefined ? {} : { reconstructions: of(run) as Reconstructions };
}

const capKeys = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations'] as const;

/**
 * Whether a run spent anything beyond a cap of its budget: caps are exact (core never starts a
 * step that would pass one), so any overspend is a trainer bug (wall time is not checked: it
 * depends on the machine).
 */
export function overspent(r: RunRecord, budget: HeaderRecord['experiment']['budget']): boolean {
  return capKeys.some((k) => {
    const cap = budget[k];
    return cap !== undefined && r.cost[k] > cap;
  });
}

/** Smallest and largest parameter count of the runs' returned models. */
function parameterRange(rs: readonly RunRecord[]): TrainerSummary['parameters'] {
  const counts = rs.flatMap((r) => (r.model === null ? [] : [r.model.parameters]));
  return counts.length === 0
    ? null
    : {
        min: counts.reduce((m, c) => Math.min(m, c), Number.POSITIVE_INFINITY),
        max: counts.reduce((m, c) => Math.max(m, c), Number.NEGATIVE_INFINITY),
      };
}

const medianOrNull = (xs: readonly number[]): number | null => (xs.length === 0 ? null : median(xs));

/** Everything the tables and charts show, computed from a header and its records. Deterministic (the bootstrap is seeded). */
export function summarize(header: HeaderRecord, records: readonly RunRecord[]): Summary {
  const exp = header.experiment;
  const tasks: TaskSummary[] = [];
  for (const taskPlan of exp.tasks) {
    const taskRecords = records.filter((r) => r.task === taskPlan.label);
    if (taskRecords.length === 0) continue;
    const okOne = taskRecords.find((r) => r.ok) ?? taskRecords[0];
    const metric = okOne?.metric ?? 'metric';
    const direction = okOne?.direction ?? 'max';
    const target = okOne?.target ?? null;
    const better = (a: number, b: number) => (direction === 'max' ? a > b : a < b);

    // With --tune, each trainer's tuned variant sits beside it; tuning trials are not compared here.
    const rows = reportTrainers(exp)
      .map((t) => {
        const rs = taskRecords.filter((r) => r.trainer === t.label);
        const finals = rs.filter((r) => r.ok && r.final !== null).map((r) => r.final as number);
        const reached = rs.filter((r) => r.solved && r.reached !== null);
        return { t, rs, finals, reached };
      })
      .filter((x) => x.rs.length > 0);

    // Rank by mean final metric; trainers with no successful run rank last, in plan order.
    const order = rows
      .map((x, i) => ({ i, m: x.finals.length > 0 ? mean(x.finals) : null }))
      .sort((a, b) =>
        a.m === null ? (b.m === null ? a.i - b.i : 1) : b.m === null ? -1 : better(a.m, b.m) ? -1 : better(b.m, a.m) ? 1 : a.i - b.i,
      );
    const rankOf = new Map<number, number>();
    order.forEach((o, k) => rankOf.set(o.i, k + 1));
    const bestIndex = order[0]?.m !== null ? order[0]?.i : undefined;
    const best = bestIndex === undefined ? undefined : rows[bestIndex];

    const tests = rows.map((x, i) =>
      best === undefined || i === bestIndex || x.finals.length === 0 || best.finals.length === 0
        ? null
        : mannWhitneyU(x.finals, best.finals),
    );
    const tested = tests.flatMap((t, i) => (t === null ? [] : [i]));
    const adjusted = holm(tested.map((i) => (tests[i] as NonNullable<(typeof tests)[number]>).p));

    tasks.push({
      task: taskPlan.label,
      metric,
      direction,
      target,
      budget: taskPlan.budget,
      trainers: rows.map((x, i) => {
        const test = tests[i];
        const k = tested.indexOf(i);
        const hasTarget = x.rs.some((r) => r.target !== null);
        return {
          trainer: x.t.label,
          trainerId: x.t.id,
          parameters: parameterRange(x.rs),
          ...samplesOf(x.rs),
          ...reconstructionsOf(x.rs),
          runs: x.rs.length,
          failed: x.rs.filter((r) => !r.ok).length,
          overBudget: x.rs.filter((r) => overspent(r, taskPlan.budget)).length,
          failures: x.rs.filter((r) => !r.ok).map((r) => ({ seed: r.seed, status: r.status, reason: r.reason })),
          successRate: hasTarget ? x.rs.filter((r) => r.solved).length / x.rs.length : null,
          mean: x.finals.length > 0 ? mean(x.finals) : null,
          std: x.finals.length > 0 ? std(x.finals) : null,
          median: medianOrNull(x.finals),
          ci: x.finals.length > 0 ? bootstrapCi(x.finals, Rng.fromSeed(`bootstrap/${taskPlan.label}/${x.t.label}`)) : null,
          toTarget: {
            runs: x.reached.length,
            flops: medianOrNull(x.reached.map((r) => (r.reached as NonNullable<RunRecord['reached']>).flops)),
            evaluations: medianOrNull(x.reached.map((r) => (r.reached as NonNullable<RunRecord['reached']>).evaluations)),
            wallSeconds: medianOrNull(
              x.reached.flatMap((r) => (r.timing.reachedWallSeconds === null ? [] : [r.timing.reachedWallSeconds])),
            ),
          },
          rank: rankOf.get(i) ?? rows.length,
          best: i === bestIndex,
          vsBest: test === null || test === undefined ? null : { u: test.u, p: test.p, pHolm: adjusted[k] as number, method: test.method },
        };
      }),
    });
  }
  return {
    experiment: exp.name,
    ...(exp.description !== undefined ? { description: exp.description } : {}),
    budget: exp.budget,
    runs: header.runs,
    complete: records.length === header.runs,
    skipped: header.skipped,
    tasks,
  };
}
