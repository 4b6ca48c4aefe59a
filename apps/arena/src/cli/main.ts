import { ConfigError, ModelFileError } from '@evoprop/core';
import { ExperimentError } from '../experiment/errors.js';
import { CatalogError } from '../catalog/load-catalog.js';
import { PluginError } from '../plugins/plugin-error.js';
import { ResultsFileError } from '../runner/results-file.js';
import { UsageError } from './args.js';
import type { Io } from './io.js';
import { listCommand } from './list-command.js';
import { OutputBusyError } from './out-lock.js';
import { reportCommand, reportHelp } from './report-command.js';
import { runCommand, runHelp } from './run-command.js';
import { showCommand, showHelp } from './show-command.js';
import { workerCommand, workerHelp } from './worker-command.js';

export const help = `evoprop-arena — which training strategy wins on this task, at equal compute, and is the difference real?

Usage:
  evoprop-arena run [SUITE | FILE] [options]   run an experiment (default: the quick suite)
  evoprop-arena list [tasks|trainers|suites]   what can be run, with config options
  evoprop-arena report RESULTS.jsonl           rebuild the reports from a results file
  evoprop-arena show MODEL.safetensors         summarise a saved model; draw a NEAT topology
  evoprop-arena worker --queue URL             run queued runs of 'run --queue URL' on this machine
  evoprop-arena help [COMMAND]

Exit codes: 0 done; 1 some runs failed (see --allow-failures); 2 a mistake in the command, its
files or a busy --out folder; 130 / 143 stopped by SIGINT / SIGTERM (resume with --resume).

${runHelp}`;

const commands: Readonly<Record<string, (args: readonly string[], io: Io) => Promise<number>>> = {
  run: runCommand,
  list: listCommand,
  report: reportCommand,
  show: showCommand,
  worker: workerCommand,
};

const helpTopics = new Set(['help', '--help', '-h']);

/**
 * The arguments of the root `pnpm arena` script: a command as given (`list tasks`), anything else is
 * `run`'s (`--seeds 2`, `spirals.yaml`, nothing at all: the quick suite).
 */
export function withDefaultCommand(argv: readonly string[]): readonly string[] {
  const first = argv[0];
  return first !== undefined && (Object.hasOwn(commands, first) || helpTopics.has(first)) ? argv : ['run', ...argv];
}

/** The CLI as a function: arguments in, exit code out. Known errors print their message, not a stack. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (helpTopics.has(command)) {
    const topic = rest[0];
    io.stdout.write(
      topic === 'run' ? runHelp : topic === 'report' ? reportHelp : topic === 'show' ? showHelp : topic === 'worker' ? workerHelp : help,
    );
    return 0;
  }
  const fn = Object.hasOwn(commands, command) ? commands[command] : undefined;
  try {
    if (fn === undefined) throw new UsageError(`unknown command '${command}'; valid: ${Object.keys(commands).join(', ')}, help`);
    return await fn(rest, io);
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof ExperimentError ||
      e instanceof ResultsFileError ||
      e instanceof CatalogError ||
      e instanceof PluginError ||
      e instanceof ModelFileError ||
      e instanceof ConfigError ||
      e instanceof OutputBusyError
    ) {
      io.stderr.write(`evoprop-arena: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
