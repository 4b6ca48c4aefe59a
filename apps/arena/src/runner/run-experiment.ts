import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Experiment, RunSpec } from '../experiment/experiment.js';
import { planRuns } from '../experiment/experiment.js';
import type { QueueTarget } from '../queue/queue-runs.js';
import type { RunProgress } from './execute-run.js';
import { planTrials, planTuned, tunedRunCount } from '../tuning/plan.js';
import { runPool } from './pool.js';
import type { HeaderRecord, RunRecord } from './record.js';
import { ResultsFileError, ResultsWriter, readResults } from './results-file.js';

export type RunExperimentOptions = Readonly<{
  resultsPath: string;
  /** Skip runs already in the results file (it must hold the same experiment). */
  resume?: boolean;
  /** With `resume`: run the recorded failed runs (`ok: false`) again instead of keeping them. */
  retryFailed?: boolean;
  workers?: number;
  /** Per-run wall-clock limit in seconds (null: none); default from each run's budget, see `defaultRunTimeoutSeconds`. */
  runTimeoutSeconds?: number | null;
  plugins?: readonly string[];
  builtIns?: boolean;
  modelDir?: string;
  /** Run on `evoprop-arena worker`s through this Redis queue instead of local threads. */
  queue?: QueueTarget;
  skipped?: readonly string[];
  signal?: AbortSignal;
  onPlan?: (total: number, done: number) => void;
  onStart?: (spec: RunSpec) => void;
  onProgress?: (p: RunProgress) => void;
  onRecord?: (record: RunRecord) => void;
}>;

export type ExperimentOutcome = Readonly<{
  header: HeaderRecord;
  records: readonly RunRecord[];
  /** True when stopped before every run finished (Ctrl-C); resume with `--resume`. */
  interrupted: boolean;
}>;

/** Plan, run (or resume) and record an experiment. The results file is final and canonical when not interrupted. */
export async function runExperiment(experiment: Experiment, options: RunExperimentOptions): Promise<ExperimentOutcome> {
  // Default runs, then tuning trials (with --tune); the tuned runs follow once every trial is in.
  const defaults = planRuns(experiment);
  const plan = [...defaults, ...planTrials(experiment, defaults.length)];
  const total = plan.length + tunedRunCount(experiment);
  const header: HeaderRecord = { type: 'experiment', version: 1, experiment, runs: total, skipped: options.skipped ?? [] };
  const writer = new ResultsWriter(options.resultsPath);
  mkdirSync(dirname(options.resultsPath), { recursive: true });
  let previous: readonly RunRecord[] = [];
  if (options.resume === true && existsSync(options.resultsPath)) {
    const old = readResults(options.resultsPath);
    if (!isDeepStrictEqual(old.header.experiment, JSON.parse(JSON.stringify(experiment)))) {
      throw new ResultsFileError(
        `${options.resultsPath}: --resume expects the same experiment as the one recorded there; it differs (run without --resume to start over, or choose another --out)`,
      );
    }
    // Tuned runs are planned from the trials, so keep every recorded run the header's experiment plans.
    const planned = new Set([...plan.map((r) => r.runId), ...planTuned(experiment, old.records, plan.length).map((r) => r.runId)]);
    previous = old.records.filter((r) => planned.has(r.runId) && (r.ok || options.retryFailed !== true));
    // Rewrite so a torn line from a killed process is gone before we append.
    writer.finalize(header, previous);
  } else {
    writer.start(header);
  }
  const done = new Set(previous.map((r) => r.runId));
  options.onPlan?.(total, done.size);
  const first = await runPhase(
    plan.filter((r) => !done.has(r.runId)),
    writer,
    options,
  );
  let records = [...previous, ...first.records];
  if (!first.interrupted && experiment.tune !== undefined) {
    // Every trial is recorded: choose each trainer's configuration and run it on the evaluation seeds.
    const tuned = planTuned(experiment, records, plan.length).filter((r) => !done.has(r.runId));
    records = [...records, ...(await runPhase(tuned, writer, options)).records];
  }
  records.sort((a, b) => a.index - b.index);
  const complete = records.length === total;
  if (complete) writer.finalize(header, records);
  return { header, records, interrupted: !complete };
}

/** Run `pending` on the pool, appending each record to the results file as it arrives. */
async function runPhase(pending: readonly RunSpec[], writer: ResultsWriter, options: RunExperimentOptions) {
  return runPool(pending, {
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.runTimeoutSeconds !== undefined ? { runTimeoutSeconds: options.runTimeoutSeconds } : {}),
    ...(options.plugins !== undefined ? { plugins: options.plugins } : {}),
    ...(options.builtIns !== undefined ? { builtIns: options.builtIns } : {}),
    ...(options.modelDir !== undefined ? { modelDir: options.modelDir } : {}),
    ...(options.queue !== undefined ? { queue: options.queue } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.onStart !== undefined ? { onStart: options.onStart } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    onRecord: (r) => {
      writer.append(r);
      options.onRecord?.(r);
    },
  });
}
