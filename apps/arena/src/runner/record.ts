import type { FitStatus, Metrics } from '@evoprop/core';
import type { Experiment, RunSpec, RunTuning } from '../experiment/experiment.js';
import type { AnytimeTrace } from './anytime.js';

export type Direction = 'max' | 'min';

/** One point of a learning curve. Wall time lives in `timing.curveWallSeconds` (same index). */
export type CurvePoint = Readonly<{ step: number; flops: number; evaluations: number; value: number | null }>;

/** A 2-D classifier sampled on a grid: `classes[row * size + col]`, row 0 at yMin. */
export type Boundary = Readonly<{
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  classes: readonly number[];
  /** A sample of test points: [x, y, class]. */
  points: readonly (readonly [number, number, number])[];
}>;

/** Everything that depends on the clock. Kept apart so two results files can be compared without it. */
export type Timing = Readonly<{
  wallSeconds: number;
  reachedWallSeconds: number | null;
  curveWallSeconds: readonly number[];
  /** Wall seconds at each row of `anytime` (absent in files written before anytime traces). */
  anytimeWallSeconds?: readonly number[];
}>;

/** How a run ended: the trainer's own status, or `crashed` (threw, killed its worker) or `timeout` (passed `--run-timeout`). */
export type RunStatus = FitStatus | 'crashed' | 'timeout';

/** One finished run, one JSONL line. Identical across repeats of the same experiment except `timing`. */
export type RunRecord = Readonly<{
  type: 'run';
  runId: string;
  index: number;
  /** Task label (the id unless the experiment names variants). */
  task: string;
  taskId: string;
  trainer: string;
  trainerId: string;
  config: Readonly<Record<string, unknown>>;
  seed: number;
  taskSeed: number;
  /** False for crashed and diverged runs: they have a reason and no headline number. */
  ok: boolean;
  status: RunStatus;
  reason: string;
  metric: string;
  direction: Direction;
  /** Final headline metric (test split for supervised tasks, computed by the arena itself). */
  final: number | null;
  /** Final metrics as the trainer reported them. */
  metrics: Metrics;
  target: Readonly<{ metric: string; value: number; direction: Direction }> | null;
  solved: boolean;
  /** Cost when the target was first reached in the history. */
  reached: Readonly<{ step: number; flops: number; evaluations: number }> | null;
  cost: Readonly<{ flops: number; evaluations: number; gradientSteps: number; epochs: number; generations: number }>;
  curveMetric: string | null;
  curve: readonly CurvePoint[];
  /** Cost in every currency where the held-out value crossed a new level (ECDFs, ERT); absent in older files, null without a curve metric. */
  anytime?: AnytimeTrace | null;
  boundary: Boundary | null;
  /** FitResult.extras (PBT schedules, NEAT stats...), JSON-able. */
  extras: Readonly<Record<string, unknown>> | null;
  model: Readonly<{ kind: string; parameters: number; spec: unknown }> | null;
  /** Tuning trials and tuned runs say which (a trial's `final` is its validation score). */
  tuning?: RunTuning;
  timing: Timing;
}>;

/** First line of a results file: the experiment, so `report` and `--resume` need nothing else. */
export type HeaderRecord = Readonly<{ type: 'experiment'; version: 1; experiment: Experiment; runs: number; skipped: readonly string[] }>;

export type ResultLine = HeaderRecord | RunRecord;

/** A record without its clock-dependent fields, for comparing two runs of the same experiment. */
export function withoutTiming(record: RunRecord): Omit<RunRecord, 'timing'> {
  const { timing: _timing, ...rest } = record;
  return rest;
}

/** The fields of a run record that say which run it is, copied from its spec. */
export function runIdentity(spec: RunSpec) {
  return {
    type: 'run' as const,
    runId: spec.runId,
    index: spec.index,
    task: spec.task,
    taskId: spec.taskId,
    trainer: spec.trainer,
    trainerId: spec.trainerId,
    config: spec.config,
    seed: spec.seed,
    taskSeed: spec.taskSeed,
    ...(spec.tuning !== undefined ? { tuning: spec.tuning } : {}),
  };
}

/** The record of a run that ended without a result (crashed, diverged, killed its thread, timed out); `partial` fills in what is known. */
export function failedRecord(
  spec: RunSpec,
  reason: string,
  wallSeconds: number,
  status: RunStatus = 'crashed',
  partial: Partial<RunRecord> = {},
): RunRecord {
  return {
    ...runIdentity(spec),
    ok: false,
    status,
    reason,
    metric: 'metric',
    direction: 'max',
    final: null,
    metrics: {},
    target: null,
    solved: false,
    reached: null,
    cost: { flops: 0, evaluations: 0, gradientSteps: 0, epochs: 0, generations: 0 },
    curveMetric: null,
    curve: [],
    boundary: null,
    extras: null,
    model: null,
    ...partial,
    timing: { wallSeconds, reachedWallSeconds: null, curveWallSeconds: [] },
  };
}
