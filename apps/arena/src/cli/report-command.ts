import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildReports, currencyOption } from '../report/build.js';
import { readResults } from '../runner/results-file.js';
import { parse, parseCurrency, UsageError } from './args.js';
import type { Io } from './io.js';

export const reportHelp = `evoprop-arena report RESULTS.jsonl [--json] [--out DIR] [--no-html] [--currency C]

Rebuilds report.md, report.json and report.html from a results file (default: next to it)
and prints the markdown tables (or JSON with --json). --currency (flops, evaluations,
gradientSteps, epochs, generations, wallSeconds) switches the ERT tables, ECDFs and runtime
comparisons to another currency without rerunning (default: each task's budget currency).
`;

export async function reportCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    out: { type: 'string' },
    'no-html': { type: 'boolean' },
    currency: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(reportHelp);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new UsageError('report: expected one results file, e.g. evoprop-arena report arena-results/quick/results.jsonl');
  const currency = parseCurrency(values.currency);
  const reports = await buildReports(readResults(file), currencyOption(currency));
  const out = values.out ?? dirname(file);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'report.md'), reports.markdown);
  writeFileSync(join(out, 'report.json'), reports.json);
  if (values['no-html'] !== true) writeFileSync(join(out, 'report.html'), reports.html);
  io.stdout.write(values.json === true ? reports.json : reports.markdown);
  return 0;
}
