import { availableParallelism } from 'node:os';
import { type Executor, JobError, inlineExecutor } from '@evoprop/core';
import { threadExecutor } from '@evoprop/core/executor-node';
import { loadCatalog } from '../catalog/load-catalog.js';
import { type QueueTarget, queueRuns } from '../queue/queue-runs.js';
import type { RunSpec } from '../experiment/experiment.js';
import { withExitGuard } from './exit-guard.js';
import type { RunProgress } from './execute-run.js';
import { writeModelFile } from './model-files.js';
import { type RunRecord, failedRecord } from './record.js';
import { type RunJob, type RunOutput, type RunnerInit, runHandler } from './run-job.js';
import { defaultRunTimeoutSeconds } from './run-timeout.js';

export type PoolOptions = Readonly<{
  /** Worker threads; 0 runs everything on the main thread. Default: one per core. */
  workers?: number;
  plugins?: readonly string[];
  builtIns?: boolean;
  /** Save trained models there (see `modelFileName`); this thread writes them. */
  modelDir?: string;
  signal?: AbortSignal;
  /**
   * Wall-clock limit of one run in seconds, counted from when it starts on its worker; null for none.
   * Default: {@link defaultRunTimeoutSeconds} of the run's budget. A run past it is recorded as `timeout`.
   */
  runTimeoutSeconds?: number | null;
  onStart?: (spec: RunSpec) => void;
  onProgress?: (p: RunProgress) => void;
  onRecord?: (record: RunRecord) => void;
  /** How long aborted runs get to stop before their worker is terminated. */
  abortGraceMs?: number;
  /** Send the runs to `evoprop-arena worker`s through this Redis queue instead of running them here (`workers` is then ignored). */
  queue?: QueueTarget;
}>;

export type PoolOutcome = Readonly<{ records: readonly RunRecord[]; interrupted: boolean }>;

/** Whether this module runs as TypeScript source (tsx / vitest) rather than built JavaScript. */
const fromSource = import.meta.url.endsWith('.ts');

type Runs = Executor<RunJob, RunOutput, RunProgress>;

// The results file is the record of finished runs (--resume skips their ids); the executor keeps no
// outputs once delivered, so model bytes do not pile up in memory.
const remember = 0;

/**
 * The main thread's executor (`--workers 0`): a trainer that calls `process.exit` there throws
 * instead, and its run is recorded as crashed, saying so.
 */
async function mainThreadExecutor(init: RunnerInit): Promise<Runs> {
  const handler = runHandler(await loadCatalog(init.plugins, init.builtIns));
  return inlineExecutor(
    async (job: RunJob, context) => {
      const { value, exit } = await withExitGuard(async () => handler(job, context));
      if (exit === null || value.record === null) return value;
      const reason = `the trainer called process.exit(${exit.code ?? ''}) on the main thread (--workers 0); the arena intercepted it and recorded the run as crashed (run with --workers 1 or more to isolate such trainers in threads)`;
      return { ...value, record: { ...value.record, ok: false, status: 'crashed', reason, final: null, solved: false, reached: null } };
    },
    { remember },
  );
}

/** How a job that produced no output becomes a record, or null when it was stopped on purpose (`--resume` reruns it). */
function recordOfError(spec: RunSpec, error: unknown, timeoutSeconds: number | null, inline: boolean): RunRecord | null {
  if (!(error instanceof JobError)) return failedRecord(spec, `the arena failed to run it: ${String(error)}`, 0);
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  switch (error.kind) {
    case 'timeout':
      return failedRecord(
        spec,
        `still running after the ${timeoutSeconds} s --run-timeout; ${inline ? 'abandoned on the main thread (--workers 0)' : 'its worker thread was terminated'}`,
        timeoutSeconds ?? 0,
        'timeout',
      );
    case 'lost':
      return failedRecord(spec, cause, 0);
    case 'failed':
      return failedRecord(spec, `the arena failed to run it: ${cause}`, 0);
    case 'aborted':
    case 'closed':
      return null;
  }
}

/**
 * Run `runs` on worker threads (or on the main thread with `workers: 0`) through the one
 * `Executor` of `@evoprop/core`, each run a job whose id is its runId. A run that throws,
 * diverges, kills its worker or passes its time limit becomes a failed record; the others go on.
 * Model files are written here, by the coordinator. Aborting `signal` stops every active run
 * (their records are not produced, so `--resume` reruns them) and resolves with what finished.
 */
export async function runPool(runs: readonly RunSpec[], options: PoolOptions = {}): Promise<PoolOutcome> {
  const init: RunnerInit = { plugins: options.plugins ?? [], builtIns: options.builtIns ?? true };
  const records: RunRecord[] = [];
  if (runs.length === 0) return { records, interrupted: options.signal?.aborted === true };
  const workers = Math.min(options.workers ?? availableParallelism(), runs.length);
  const inline = workers <= 0 && options.queue === undefined;
  const executor: Runs =
    options.queue !== undefined
      ? queueRuns(options.queue)
      : inline
        ? await mainThreadExecutor(init)
        : threadExecutor({
            workers,
            module: new URL(fromSource ? './run-job.ts' : './run-job.js', import.meta.url),
            init,
            remember,
            ...(options.abortGraceMs !== undefined ? { abortGraceMs: options.abortGraceMs } : {}),
          });
  const emit = (r: RunRecord) => {
    records.push(r);
    options.onRecord?.(r);
  };
  const finish = (spec: RunSpec, output: RunOutput): RunRecord | null => {
    const { record, modelFile } = output;
    if (modelFile === null || options.modelDir === undefined) return record;
    try {
      writeModelFile(options.modelDir, spec.runId, modelFile);
      return record;
    } catch (e) {
      const reason = `saving the trained model failed: ${(e as Error).message}`;
      return record === null ? null : { ...record, ok: false, status: 'crashed', reason, final: null, solved: false, reached: null };
    }
  };
  try {
    await Promise.all(
      runs.map((spec) => {
        const timeoutSeconds = options.runTimeoutSeconds === undefined ? defaultRunTimeoutSeconds(spec.budget) : options.runTimeoutSeconds;
        return executor
          .submit({
            id: spec.runId,
            payload: { spec, saveModel: options.modelDir !== undefined },
            ...(timeoutSeconds !== null ? { timeoutMs: timeoutSeconds * 1000 } : {}),
            ...(options.signal !== undefined ? { signal: options.signal } : {}),
            onStart: () => options.onStart?.(spec),
            ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
          })
          .then(
            (output) => finish(spec, output),
            // A worker killed or a time limit passed while stopping is part of the stop: leave the run to --resume.
            (error: unknown) => (options.signal?.aborted === true ? null : recordOfError(spec, error, timeoutSeconds, inline)),
          )
          .then((record) => {
            if (record !== null) emit(record);
          });
      }),
    );
  } finally {
    await executor.close();
  }
  return { records, interrupted: options.signal?.aborted === true };
}
