import type { Executor } from '@evoprop/core';
import { queueExecutor } from '@evoprop/queue';
import type { RunProgress } from '../runner/execute-run.js';
import type { RunJob, RunOutput } from '../runner/run-job.js';

/** The BullMQ queue the arena's coordinator and its `evoprop-arena worker`s share. */
export const arenaQueue = 'evoprop-arena';

/** The BullMQ queue of distributed evolution's population chunks (jobs of `remoteEvaluator` in `@evoprop/evolution`), served by `evoprop-arena worker` too. */
export const evolutionQueue = 'evoprop-evolution';

/** The BullMQ queue of distributed NEAT's genome chunks (jobs of `remoteNeatEvaluator` in `@evoprop/evolution`), served by `evoprop-arena worker` too. */
export const neatQueue = 'evoprop-neat';

/** Where an experiment's runs go instead of local threads: a Redis server, and this experiment's namespace in it. */
export type QueueTarget = Readonly<{
  /** `redis://HOST:PORT[/DB]`. */
  url: string;
  /** The experiment's job-id namespace (kept in OUT/queue.json, so `--resume` collects the runs finished meanwhile). */
  jobIdPrefix: string;
  /** How often unfinished runs are looked up in Redis, in ms (besides the event stream). Default: the executor's. */
  pollMs?: number;
  /** Run again the runs whose jobs failed in Redis (`--retry-failed`), instead of collecting their failure. */
  rerunFailed?: boolean;
}>;

/**
 * The arena's runs as BullMQ jobs (see `queueExecutor` in `@evoprop/queue`): each run is one job
 * whose id is `PREFIX/RUN-ID`, run by whichever `evoprop-arena worker` takes it. A run whose
 * worker dies is taken again after BullMQ's stall detection; nothing is retried otherwise, as on
 * local threads.
 */
export function queueRuns(target: QueueTarget): Executor<RunJob, RunOutput, RunProgress> {
  return queueExecutor<RunJob, RunOutput, RunProgress>({
    url: target.url,
    queue: arenaQueue,
    jobIdPrefix: target.jobIdPrefix,
    ...(target.pollMs !== undefined ? { pollMs: target.pollMs } : {}),
    ...(target.rerunFailed === true ? { rerunFailed: true } : {}),
  });
}
