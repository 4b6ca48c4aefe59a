import { ExperimentError } from '../experiment/errors.js';
import { CatalogError } from '../catalog/load-catalog.js';
import { PluginError } from '../plugins/plugin-error.js';
import { ResultsFileError } from '../runner/results-file.js';
import { UsageError } from './args.js';
import type { Io } from './io.js';
import { listCommand } from './list-command.js';
import { reportCommand, reportHelp } from './report-command.js';
import { runCommand, runHelp } from './run-command.js';
import { showCommand, showHelp } from './show-command.js';

export const help = `evoprop-arena — which training strategy wins on this task, at equal compute, and is the difference real?

Usage:
  evoprop-arena run [SUITE | FILE] [options]   run an experiment (default: the quick suite)
  evoprop-arena list [tasks|trainers|suites]   what can be run, with config options
  evoprop-arena report RESULTS.jsonl           rebuild the reports from a results file
  evoprop-arena show MODEL.safetensors         summarise a saved model; draw a NEAT topology
  evoprop-arena help [COMMAND]

${runHelp}`;

const commands: Readonly<Record<string, (args: readonly string[], io: Io) => Promise<number>>> = {
  run: runCommand,
  list: listCommand,
  report: reportCommand,
  show: showCommand,
};

/** The CLI as a function: arguments in, exit code out. Known errors print their message, not a stack. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    io.stdout.write(topic === 'run' ? runHelp : topic === 'report' ? reportHelp : topic === 'show' ? showHelp : help);
    return 0;
  }
  const fn = commands[command];
  try {
    if (fn === undefined) throw new UsageError(`unknown command '${command}'; valid: ${Object.keys(commands).join(', ')}, help`);
    return await fn(rest, io);
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof ExperimentError ||
      e instanceof ResultsFileError ||
      e instanceof CatalogError ||
      e instanceof PluginError
    ) {
      io.stderr.write(`evoprop-arena: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
