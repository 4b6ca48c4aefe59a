import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { tuningSeedBase, withTuning } from '../tuning/plan.js';
import { applyFlags, readExperimentFile, splitTrainerList, suiteDefinition } from '../experiment/load.js';
import { parseExperiment } from '../experiment/parse.js';
import { suites } from '../experiment/suites.js';
import { experimentPlugins } from '../plugins/experiment-plugins.js';
import { buildReports, currencyOption } from '../report/build.js';
import { runExperiment } from '../runner/run-experiment.js';
import { parseRunTimeout, runTimeoutRule } from '../runner/run-timeout.js';
import { experimentQueue } from '../queue/queue-state.js';
import { checkQueueUrl } from './queue-url.js';
import { parse, parseCurrency, runOptions, UsageError } from './args.js';
import { exitCodeOf, type Io, type StopSignal } from './io.js';
import { acquireOutLock } from './out-lock.js';
import { plainProgress, ttyProgress } from './progress.js';

export const runHelp = `evoprop-arena run [SUITE | FILE.yaml | FILE.json] [options]

Runs every task × trainer × seed of an experiment on worker threads, streams the results
to OUT/results.jsonl and writes OUT/report.md, OUT/report.json and OUT/report.html.
SUITE is one of: ${Object.keys(suites).join(', ')} (default: quick).

  --tasks a,b               tasks to run (replaces the definition's)
  --trainers a,b            trainers to run
  --trainer ID[@LABEL][:k=v,...]   a trainer with config overrides (repeatable)
  --seeds N | 0,3,7         seed count or list
  --budget CURRENCY=N       flops (default currency), evaluations, epochs, gradientSteps, generations, wallSeconds
  --target METRIC=V[:min]   stop a run when it reaches V
  --out DIR                 output folder (default arena-results/NAME)
  --workers N               worker threads (default: one per core; 0 = main thread, where a trainer's
                            process.exit is intercepted but a run that computes forever cannot be stopped)
  --queue redis://HOST:PORT[/DB]   send every run to 'evoprop-arena worker' processes through this Redis
                            server instead of running them here (see docs/queue.md); --workers is ignored
  --run-timeout S|none      per-run wall-clock limit, e.g. 600, 90s, 10m, 2h (default: ${runTimeoutRule});
                            a run past it is terminated and recorded as 'timeout'
  --tune N                  tune every trainer first: N random-search trials of its search space (trial 0 =
                            its config) on tuning seeds, scored on the validation split; then its best
                            configuration runs on the evaluation seeds beside the default ('NAME+tuned')
  --tune-seeds K            tuning seeds per trial (default 2; seeds ${tuningSeedBase}…, never evaluation seeds)
  --charge-tuning           add each trainer's tuning cost to its tuned cost in the report
  --resume                  skip runs already in OUT/results.jsonl
  --retry-failed            like --resume, but runs the failed runs in OUT/results.jsonl again
  --allow-failures          exit 0 even when runs failed (default: exit 1 and say how many)
  --save-models             save every trained model to OUT/models/TASK__TRAINER__SEED.safetensors
  --json                    print the summary as JSON instead of markdown
  --no-html                 skip the HTML report
  --plugin PATH|PACKAGE     load tasks/trainers from a module exporting trainers/tasks definitions (repeatable;
                            also 'plugins:' in an experiment file; see docs/plugins.md)
  --progress tty|plain      progress display (default: tty on a terminal)
  --currency C              currency of the ERT tables, ECDFs and runtime comparisons: flops, evaluations,
                            gradientSteps, epochs, generations or wallSeconds (default: each task's budget currency;
                            \`report --currency\` switches it later without rerunning)
`;

/** `evoprop-arena run`: returns the exit code (0 done, 1 runs failed, 130 / 143 stopped by SIGINT / SIGTERM). */
export async function runCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, runOptions);
  // Fail before running, not after hours of runs.
  parseCurrency(values.currency);
  if (values.help === true) {
    io.stdout.write(runHelp);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`run: expected at most one suite or file, got ${positionals.join(' ')}`);
  const what = positionals[0] ?? 'quick';
  const isFile = /\.(ya?ml|json)$/i.test(what);
  const base = isFile ? readExperimentFile(what) : suiteDefinition(what);
  const plugins = [...(isFile ? experimentPlugins(base, what) : []), ...(values.plugin ?? [])];
  const builtIns = values['no-builtins'] !== true;
  const catalog = await loadCatalog(plugins, builtIns);
  const trainerFlags = [...(values.trainers !== undefined ? splitTrainerList(values.trainers) : []), ...(values.trainer ?? [])];
  const raw = applyFlags(base, {
    ...(values.tasks !== undefined ? { tasks: values.tasks } : {}),
    ...(trainerFlags.length > 0 ? { trainers: trainerFlags } : {}),
    ...(values.seeds !== undefined ? { seeds: values.seeds } : {}),
    ...(values.budget !== undefined ? { budget: values.budget } : {}),
    ...(values.target !== undefined ? { target: values.target } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
  });
  // Built-in suites name trainers that may not be installed yet: skip those loudly instead of failing.
  // Ids given as flags are the user's own and must exist.
  const skipMissing = { tasks: !isFile && values.tasks === undefined, trainers: !isFile && trainerFlags.length === 0 };
  const { experiment: parsed, skipped } = parseExperiment(raw, {
    source: isFile ? what : trainerFlags.length > 0 || values.tasks !== undefined ? 'flags' : `suite '${what}'`,
    catalog,
    skipMissing,
  });
  for (const s of [...skipped, ...catalog.notes.filter(() => skipped.length > 0)]) io.stderr.write(`arena: note: ${s}\n`);
  const experiment = tuned(parsed, catalog, values);

  const out = values.out ?? join('arena-results', experiment.name);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0))
    throw new UsageError(`--workers: expected a whole number ≥ 0, got '${values.workers}'`);
  const runTimeout = values['run-timeout'] === undefined ? undefined : parseRunTimeout(values['run-timeout']);
  if (runTimeout === undefined && values['run-timeout'] !== undefined)
    throw new UsageError(`--run-timeout: expected seconds > 0 (600, 90s, 10m, 2h) or 'none', got '${values['run-timeout']}'`);
  const queueUrl = values.queue === undefined ? undefined : checkQueueUrl(values.queue);
  const mode = values.progress ?? (io.stderr.isTTY === true ? 'tty' : 'plain');
  if (mode !== 'tty' && mode !== 'plain') throw new UsageError(`--progress: expected tty or plain, got '${mode}'`);
  mkdirSync(out, { recursive: true });
  const unlock = acquireOutLock(out);
  try {
    return await runLocked({ experiment, skipped, plugins, builtIns, out, workers, runTimeout, mode, values, queueUrl }, io, unlock);
  } finally {
    unlock();
  }
}

type Values = ReturnType<typeof parse<typeof runOptions>>['values'];

/** A whole number ≥ `min` from a flag, or a UsageError naming the flag. */
function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= min)) throw new UsageError(`--${flag}: expected a whole number ≥ ${min}, got '${text}'`);
  return n;
}

/**
 * The experiment with its tuning planned when `--tune N` asks for it; the flags override an
 * experiment file's `tune` key (already planned by the parser), or adjust it (`--tune-seeds`, `--charge-tuning`).
 */
function tuned(experiment: ReturnType<typeof parseExperiment>['experiment'], catalog: Catalog, values: Values) {
  const fromFile = experiment.tune;
  if (values.tune === undefined) {
    if (values['tune-seeds'] === undefined && values['charge-tuning'] !== true) return experiment;
    if (fromFile === undefined) throw new UsageError('--tune-seeds and --charge-tuning need --tune N (or tune: in the experiment file)');
  }
  const trials = values.tune === undefined ? (fromFile?.trials ?? 1) : wholeNumber('tune', values.tune, 1);
  const seeds =
    values['tune-seeds'] === undefined
      ? values.tune === undefined
        ? (fromFile?.seeds.length ?? 2)
        : 2
      : wholeNumber('tune-seeds', values['tune-seeds'], 1);
  const chargeTuning = values['charge-tuning'] === true || (values.tune === undefined && fromFile?.chargeTuning === true);
  try {
    return withTuning(experiment, catalog, { trials, seeds, chargeTuning });
  } catch (e) {
    throw new UsageError(`--tune: ${(e as Error).message}`);
  }
}

async function runLocked(
  r: Readonly<{
    experiment: ReturnType<typeof parseExperiment>['experiment'];
    skipped: readonly string[];
    plugins: readonly string[];
    builtIns: boolean;
    out: string;
    workers: number | undefined;
    runTimeout: number | null | undefined;
    mode: 'tty' | 'plain';
    values: Values;
    queueUrl: string | undefined;
  }>,
  io: Io,
  unlock: () => void,
): Promise<number> {
  const { out, workers, values } = r;
  const progress = r.mode === 'tty' ? ttyProgress(io.stderr, io.stderr.columns) : plainProgress(io.stderr);
  const controller = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const release = io.onInterrupt?.((signal) => {
    if (stoppedBy === undefined) {
      stoppedBy = signal;
      io.stderr.write(
        `\narena: stopping (${signal}) — finished runs are kept; ${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again to quit at once\n`,
      );
      controller.abort();
    } else {
      unlock();
      process.exit(exitCodeOf(signal));
    }
  });
  const resultsPath = join(out, 'results.jsonl');
  const retryFailed = values['retry-failed'] === true;
  const queue =
    r.queueUrl === undefined
      ? undefined
      : { ...experimentQueue(out, r.queueUrl, values.resume === true || retryFailed), rerunFailed: retryFailed };
  let outcome: Awaited<ReturnType<typeof runExperiment>>;
  try {
    outcome = await runExperiment(r.experiment, {
      resultsPath,
      resume: values.resume === true || retryFailed,
      retryFailed,
      ...(workers !== undefined ? { workers } : {}),
      ...(r.runTimeout !== undefined ? { runTimeoutSeconds: r.runTimeout } : {}),
      plugins: r.plugins,
      builtIns: r.builtIns,
      ...(values['save-models'] === true ? { modelDir: join(out, 'models') } : {}),
      ...(queue !== undefined ? { queue } : {}),
      skipped: r.skipped,
      signal: controller.signal,
      onPlan: progress.onPlan,
      onStart: progress.onStart,
      onProgress: progress.onProgress,
      onRecord: progress.onRecord,
    });
  } finally {
    progress.stop();
    release?.();
  }

  const reports = await buildReports({ header: outcome.header, records: outcome.records }, currencyOption(parseCurrency(values.currency)));
  writeFileSync(join(out, 'report.md'), reports.markdown);
  writeFileSync(join(out, 'report.json'), reports.json);
  if (values['no-html'] !== true) writeFileSync(join(out, 'report.html'), reports.html);
  io.stdout.write(values.json === true ? reports.json : reports.markdown);
  io.stderr.write(
    `arena: results in ${resultsPath}; reports in ${join(out, `report.{md,json${values['no-html'] === true ? '' : ',html'}}`)}\n`,
  );
  // A tuning trial that fails (a learning rate that diverges) is information for the tuner, not a failed run.
  const failed = outcome.records.filter((x) => !x.ok && x.tuning?.role !== 'trial');
  const failures = failed.length === 0 ? 'none failed' : `${failed.length} failed (${countBy(failed.map((x) => x.status))})`;
  if (outcome.interrupted) {
    io.stderr.write(
      `arena: interrupted with ${outcome.records.length}/${outcome.header.runs} runs done, ${failures}; continue with the same command plus --resume\n`,
    );
    return exitCodeOf(stoppedBy ?? 'SIGINT');
  }
  if (failed.length === 0) {
    io.stderr.write(`arena: all ${outcome.header.runs} runs done, none failed\n`);
    return 0;
  }
  const allowed = values['allow-failures'] === true;
  io.stderr.write(
    `arena: ${failed.length} of ${outcome.header.runs} runs failed (${countBy(failed.map((x) => x.status))}; reasons in report.md)${allowed ? ', allowed by --allow-failures' : '; exit code 1 (--allow-failures exits 0; --retry-failed runs them again)'}\n`,
  );
  return allowed ? 0 : 1;
}

/** `crashed 2, diverged 1`. */
function countBy(xs: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}
