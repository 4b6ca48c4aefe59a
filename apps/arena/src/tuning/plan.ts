/**
 * Equal tuning (issue 20): `--tune N` gives every trainer the same N configurations of its own
 * search space, each run on tuning seeds disjoint from the evaluation seeds and scored on the
 * validation split; the best one is then run on the evaluation seeds beside the default.
 *
 * Method: random search (Bergstra & Bengio 2012), as Schmidt, Schneider & Hennig (2021) tune
 * every optimizer before comparing them. Trial 0 is the experiment's own configuration, trials
 * 1…N−1 are seeded random points of the trainer's space. Chosen over successive halving because at
 * the small N a comparison affords (8) halving's first rungs rank configurations on a single short
 * run, which on these tasks is mostly noise; random search keeps every trial a full, independent
 * run with the real budget (a record in results.jsonl that --resume skips), needs one pass, and
 * makes "the same N trials for everyone" literally true.
 */
import { type SearchPoint, applySearchPoint, parseConfig, sampleSearchSpace } from '@evoprop/core/config';
import { Rng } from '@evoprop/tensor';
import type { Catalog } from '../catalog/catalog.js';
import type { Experiment, RunSpec, TrainerPlan, TuningPlan, TuningTrial } from '../experiment/experiment.js';
import { planRuns } from '../experiment/experiment.js';
import type { RunRecord } from '../runner/record.js';

/** Where the tuning seeds start: far from any evaluation seed a suite or flag uses. */
export const tuningSeedBase = 1_000_000;

/** Label of the tuned variant of a trainer in tables and results (`adam+tuned`). */
export const tunedLabel = (label: string): string => `${label}+tuned`;
/** Label of a trainer's k-th trial (`adam+trial3`). */
export const trialLabel = (label: string, trial: number): string => `${label}+trial${trial}`;

/** What `--tune` (or an experiment's `tune` key) asks for. */
export type TuneRequest = Readonly<{ trials: number; seeds: number; chargeTuning: boolean }>;

/**
 * The experiment with its tuning planned: tuning seeds, and for every trainer that declares a
 * search space its N trial configurations (trial 0 = its experiment config). Deterministic: the
 * same experiment and request give the same trials, so --resume finds the same plan.
 *
 * @throws Error when a tuning seed is also an evaluation seed.
 */
export function withTuning(experiment: Experiment, catalog: Catalog, request: TuneRequest): Experiment {
  const seeds = Array.from({ length: request.seeds }, (_, i) => tuningSeedBase + i);
  const clash = seeds.find((s) => experiment.seeds.includes(s));
  if (clash !== undefined) throw new Error(`tuning seed ${clash} is also an evaluation seed; use evaluation seeds below ${tuningSeedBase}`);
  const tune: TuningPlan = { method: 'random-search', trials: request.trials, seeds, chargeTuning: request.chargeTuning };
  const trainers = experiment.trainers.map((t): TrainerPlan => {
    const entry = catalog.trainers.get(t.id);
    const space = entry?.searchSpace;
    if (space === undefined || Object.keys(space).length === 0 || entry?.configSchema === undefined) return t;
    const defaults = parseConfig(entry.configSchema, t.config, `trainer '${t.id}' config`) as Record<string, unknown>;
    const trials: TuningTrial[] = [{ point: {}, config: t.config }];
    for (let k = 1; k < request.trials; k++) {
      const point = sampleSearchSpace(space, Rng.fromSeed(`tune/${t.label}`).fork(k));
      trials.push({ point, config: applySearchPoint(t.config, point, defaults) });
    }
    return { ...t, tuning: { space, trials } };
  });
  return { ...experiment, trainers, tune };
}

/** The trial runs: every task × tuned trainer × trial × tuning seed, indexed after `offset`. */
export function planTrials(experiment: Experiment, offset: number): RunSpec[] {
  const tune = experiment.tune;
  if (tune === undefined) return [];
  const runs: RunSpec[] = [];
  const base = planRuns({ ...experiment, seeds: [0] });
  for (const spec of base) {
    const trainer = experiment.trainers.find((t) => t.label === spec.trainer);
    for (const [k, trial] of (trainer?.tuning?.trials ?? []).entries()) {
      for (const seed of tune.seeds) {
        const label = trialLabel(spec.trainer, k);
        runs.push({
          ...spec,
          runId: `${spec.task}/${label}/${seed}`,
          index: offset + runs.length,
          trainer: label,
          config: trial.config,
          seed,
          taskSeed: experiment.taskSeed === 'per-seed' ? seed : experiment.taskSeed,
          tuning: { role: 'trial', of: spec.trainer, trial: k, point: trial.point },
        });
      }
    }
  }
  return runs;
}

/** How many tuned runs follow the trials (known before the trials finish, so the plan's size is fixed). */
export const tunedRunCount = (experiment: Experiment): number =>
  experiment.tune === undefined
    ? 0
    : experiment.tasks.length * experiment.trainers.filter((t) => t.tuning !== undefined).length * experiment.seeds.length;

/** One trainer's tuning on one task: every trial's mean validation score and cost, and the one chosen. */
export type TuningOutcome = Readonly<{
  task: string;
  trainer: string;
  /** Per trial: its point, mean validation score over the tuning seeds (null when every run failed), mean FLOPs, failed runs. */
  trials: readonly Readonly<{ trial: number; point: SearchPoint; score: number | null; flops: number; failed: number }>[];
  /** The chosen trial. */
  chosen: number;
  /** What all trial runs spent together. */
  cost: Readonly<{ flops: number; evaluations: number; runs: number; wallSeconds: number }>;
}>;

const meanOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The trial to run on the evaluation seeds: the best mean validation score (higher or lower as the
 * metric says; a failed run counts as the worst score); ties go to the lower trial index, so the
 * default (trial 0) stays unless a trial scored strictly better: an equal validation score is no
 * evidence for another configuration (on XOR every trial ties at 1.0, and preferring the cheapest
 * picked an aggressive learning rate that then missed on evaluation seeds).
 */
export function chooseTrial(task: string, trainer: TrainerPlan, records: readonly RunRecord[]): TuningOutcome {
  const mine = records.filter((r) => r.task === task && r.tuning?.role === 'trial' && r.tuning.of === trainer.label);
  const direction = mine.find((r) => r.ok)?.direction ?? 'max';
  const worst = direction === 'max' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const trials = (trainer.tuning?.trials ?? []).map((t, k) => {
    const rs = mine.filter((r) => r.tuning?.trial === k);
    const scores = rs.map((r) => (r.ok && r.final !== null ? r.final : worst));
    const score = scores.length === 0 || scores.every((s) => !Number.isFinite(s)) ? null : meanOf(scores);
    return {
      trial: k,
      point: t.point,
      score,
      flops: rs.length === 0 ? 0 : meanOf(rs.map((r) => r.cost.flops)),
      failed: rs.filter((r) => !r.ok).length,
    };
  });
  const key = (s: number | null) => (s === null || !Number.isFinite(s) ? worst : s);
  let chosen = 0;
  for (const t of trials) {
    const c = trials[chosen] as (typeof trials)[number];
    const better = direction === 'max' ? key(t.score) > key(c.score) : key(t.score) < key(c.score);
    if (better) chosen = t.trial;
  }
  return {
    task,
    trainer: trainer.label,
    trials,
    chosen,
    cost: {
      flops: mine.reduce((a, r) => a + r.cost.flops, 0),
      evaluations: mine.reduce((a, r) => a + r.cost.evaluations, 0),
      runs: mine.length,
      wallSeconds: mine.reduce((a, r) => a + r.timing.wallSeconds, 0),
    },
  };
}

/** The tuned runs: each tuned trainer's chosen configuration on the evaluation seeds, indexed after `offset`. */
export function planTuned(experiment: Experiment, records: readonly RunRecord[], offset: number): RunSpec[] {
  if (experiment.tune === undefined) return [];
  const runs: RunSpec[] = [];
  for (const spec of planRuns(experiment)) {
    const trainer = experiment.trainers.find((t) => t.label === spec.trainer);
    if (trainer?.tuning === undefined) continue;
    const chosen = chooseTrial(spec.task, trainer, records).chosen;
    const trial = trainer.tuning.trials[chosen] as TuningTrial;
    const label = tunedLabel(spec.trainer);
    runs.push({
      ...spec,
      runId: `${spec.task}/${label}/${spec.seed}`,
      index: offset + runs.length,
      trainer: label,
      config: trial.config,
      tuning: { role: 'tuned', of: spec.trainer, trial: chosen, point: trial.point },
    });
  }
  return runs;
}

/** The trainers the report compares: each trainer and, when tuned, its tuned variant right after it. */
export function reportTrainers(experiment: Experiment): TrainerPlan[] {
  return experiment.trainers.flatMap((t) =>
    experiment.tune !== undefined && t.tuning !== undefined ? [t, { id: t.id, label: tunedLabel(t.label), config: t.config }] : [t],
  );
}
