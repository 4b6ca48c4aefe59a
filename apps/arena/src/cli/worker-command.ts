import { availableParallelism } from 'node:os';
import { inlineExecutor } from '@evoprop/core';
import { threadExecutor } from '@evoprop/core/executor-node';
import { remoteEvaluationHandler } from '@evoprop/evolution';
import { remoteNeatScoringHandler } from '@evoprop/evolution/neat';
import { queueWorker } from '@evoprop/queue';
import { loadCatalog } from '../catalog/load-catalog.js';
import { arenaQueue, evolutionQueue, neatQueue } from '../queue/queue-runs.js';
import type { RunProgress } from '../runner/execute-run.js';
import type { RunJob, RunOutput, RunnerInit } from '../runner/run-job.js';
import { type ParseArgsOptionsConfig, UsageError, parse } from './args.js';
import { exitCodeOf, type Io, type StopSignal } from './io.js';
import { checkQueueUrl } from './queue-url.js';

export const workerHelp = `evoprop-arena worker --queue redis://HOST:PORT[/DB] [options]

Takes arena runs from the Redis queue that 'evoprop-arena run --queue URL' fills and runs them
on this machine's worker threads, and evaluates population chunks of EvolutionTrainers that use a
queue executor on queue 'evoprop-evolution' and genomes of NeatTrainers on 'evoprop-neat' (one chunk at a time, on this thread), until stopped (Ctrl-C or SIGTERM lets the runs under way
finish; a second signal quits at once, and their runs go to another worker after stall detection).

  --queue URL               the Redis server (required)
  --concurrency N           runs at a time, one worker thread each (default: one per core)
  --plugin PATH|PACKAGE     load tasks/trainers from a module, as the coordinator does (repeatable)
  --no-builtins             only the plugins' tasks and trainers
  --lock-ms MS              how long a run's lock lasts without renewal (default 30000); a killed
                            worker's runs are taken again after about this long
  --stall-check-ms MS       how often this worker looks for runs whose lock expired (default 30000)
`;

const workerOptions = {
  queue: { type: 'string' },
  concurrency: { type: 'string' },
  plugin: { type: 'string', multiple: true },
  'no-builtins': { type: 'boolean' },
  'lock-ms': { type: 'string' },
  'stall-check-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

function count(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag}: expected a whole number ≥ ${min}, got '${value}'`);
  return n;
}

const fromSource = import.meta.url.endsWith('.ts');

/** `evoprop-arena worker`: runs queued arena runs until stopped; returns the exit code (130 / 143 when stopped by a signal). */
export async function workerCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, workerOptions);
  if (values.help === true) {
    io.stdout.write(workerHelp);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`worker: expected no positional arguments, got ${positionals.join(' ')}`);
  if (values.queue === undefined) throw new UsageError('worker: expected --queue redis://HOST:PORT[/DB], got none');
  const url = checkQueueUrl(values.queue);
  const concurrency = count('concurrency', values.concurrency, 1) ?? availableParallelism();
  const lockDurationMs = count('lock-ms', values['lock-ms'], 100);
  const stalledIntervalMs = count('stall-check-ms', values['stall-check-ms'], 100);
  const init: RunnerInit = { plugins: values.plugin ?? [], builtIns: values['no-builtins'] !== true };
  // Fail here, with the CLI's message, on a plugin that does not load, rather than on every run.
  await loadCatalog(init.plugins, init.builtIns);

  const executor = threadExecutor<RunJob, RunOutput, RunProgress, RunnerInit>({
    workers: concurrency,
    module: new URL(fromSource ? '../runner/run-job.ts' : '../runner/run-job.js', import.meta.url),
    init,
    remember: 0,
  });
  const worker = queueWorker({
    url,
    queue: arenaQueue,
    executor,
    ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
    ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
    onEvent: (e) =>
      io.stderr.write(`arena worker: ${e.type} ${e.id} (attempt ${e.attempt})${e.reason !== undefined ? `: ${e.reason}` : ''}\n`),
  });
  // Population chunks of distributed evolution runs: short jobs, one at a time, on this thread.
  const evolution = queueWorker({
    url,
    queue: evolutionQueue,
    executor: inlineExecutor(remoteEvaluationHandler()),
    concurrency: 1,
    ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
    ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
  });
  const neat = queueWorker({
    url,
    queue: neatQueue,
    executor: inlineExecutor(remoteNeatScoringHandler()),
    concurrency: 1,
    ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
    ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
  });
  let stoppedBy: StopSignal | undefined;
  const stopped = new Promise<StopSignal>((resolve) => {
    const release = io.onInterrupt?.((signal) => {
      if (stoppedBy !== undefined) process.exit(exitCodeOf(signal));
      stoppedBy = signal;
      io.stderr.write(`arena worker: stopping (${signal}) after the runs under way; the signal again to quit at once\n`);
      release?.();
      resolve(signal);
    });
  });
  await Promise.all([worker.ready, evolution.ready, neat.ready]);
  io.stderr.write(`arena worker: waiting for runs on ${url} (queue ${arenaQueue}), ${concurrency} at a time\n`);
  const signal = await stopped;
  await Promise.all([worker.close(), evolution.close(), neat.close()]);
  return exitCodeOf(signal);
}
