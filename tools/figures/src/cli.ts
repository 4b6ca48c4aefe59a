/**
 * `pnpm figures [--fast | --slow] [--only id,...] [--jobs n] [--nice n] [--timeout s] [--log-dir dir] [--from-log dir]
 *   [--texts] [--list] [--json]`
 *
 * Reruns the seeded figures of the READMEs and fails (exit 1) on any mismatch, listing each as
 * `id: expected X, got Y (file)`, and on any registry text that no longer occurs in its README.
 * `--fast` runs the subset the test suite runs (seconds); `--slow` the rest; `--only` runs whose id
 * starts with one of the given prefixes. `--texts` only checks the texts; `--list` / `--json` print
 * the registry. `--log-dir` keeps each run's output; `--from-log` re-reads such logs instead of running.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exclusions } from './registry/exclusions.js';
import { registry } from './registry/index.js';
import { repoRoot } from './root.js';
import { type RunOutcome, compareOutput, mismatchLines, runFigures } from './run.js';
import { checkTexts } from './texts.js';
import type { FigureRun } from './types.js';

const usage =
  'usage: pnpm figures [--fast | --slow] [--only id,...] [--jobs n] [--nice n] [--timeout s] [--log-dir dir] [--from-log dir] [--texts] [--list] [--json]';

function fail(message: string): never {
  console.error(`figures: ${message}\n${usage}`);
  process.exit(2);
}

const args = process.argv.slice(2).filter((a) => a !== '--');
const flags = new Set<string>();
const values = new Map<string, string>();
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (['--fast', '--slow', '--texts', '--list', '--json', '--help'].includes(a)) flags.add(a);
  else if (['--only', '--jobs', '--nice', '--timeout', '--log-dir', '--from-log'].includes(a)) {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) fail(`${a} expects a value, got none`);
    values.set(a, v);
    i++;
  } else fail(`unknown argument '${a}'`);
}
if (flags.has('--help')) {
  console.log(usage);
  process.exit(0);
}
if (flags.has('--fast') && flags.has('--slow')) fail('expected at most one of --fast and --slow, got both');
const count = (name: string, fallback: number): number => {
  const raw = values.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) fail(`${name} expects a non-negative integer, got '${raw}'`);
  return n;
};
const jobs = Math.max(1, count('--jobs', 1));
const nice = count('--nice', 0);
const timeout = values.has('--timeout') ? count('--timeout', 0) : undefined;
const prefixes = values
  .get('--only')
  ?.split(',')
  .filter((p) => p !== '');

const root = repoRoot();
let selected: FigureRun[] = registry.filter((r) =>
  flags.has('--fast') ? r.speed === 'fast' : flags.has('--slow') ? r.speed === 'slow' : true,
);
if (prefixes !== undefined) {
  selected = selected.filter((r) => prefixes.some((p) => r.id.startsWith(p)));
  if (selected.length === 0) fail(`no run id starts with ${prefixes.join(' or ')}; run ids: ${registry.map((r) => r.id).join(', ')}`);
}

if (flags.has('--json')) {
  const listing = {
    runs: selected.map((r) => ({ ...r, figures: r.figures.map((f) => ({ ...f, extract: f.extract.describe })) })),
    exclusions,
  };
  console.log(JSON.stringify(listing, null, 2));
  process.exit(0);
}
if (flags.has('--list')) {
  for (const r of selected) {
    console.log(
      `${r.id} [${r.speed}, ~${r.minutes} min] (cd ${r.cwd} && ${
        r.env
          ? `${Object.entries(r.env)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')} `
          : ''
      }${r.command})`,
    );
    console.log(`  verified: ${r.verified}`);
    for (const f of r.figures) console.log(`  ${f.id} = ${f.expected}  (${f.file})`);
  }
  console.log(
    `${selected.length} runs, ${selected.reduce((n, r) => n + r.figures.length, 0)} figures; ${exclusions.length} excluded passages`,
  );
  process.exit(0);
}

const textProblems = checkTexts(root, registry, exclusions);
for (const p of textProblems) console.error(`text: ${p}`);
if (flags.has('--texts')) {
  const n = registry.reduce((k, r) => k + r.figures.length, 0);
  if (textProblems.length === 0) console.log(`figures: every text of ${n} figures and ${exclusions.length} exclusions occurs in its file`);
  else console.error(`figures: ${textProblems.length} registry texts no longer match their files`);
  process.exit(textProblems.length === 0 ? 0 : 1);
}

const logDir = values.get('--log-dir');
const fromLog = values.get('--from-log');
if (logDir !== undefined) mkdirSync(logDir, { recursive: true });
const logName = (r: FigureRun) => `${r.id.replaceAll('/', '__')}.log`;

async function one(r: FigureRun): Promise<RunOutcome> {
  if (fromLog !== undefined) {
    const path = join(fromLog, logName(r));
    if (!existsSync(path)) return { run: r, seconds: 0, exitCode: null, output: '', figures: compareOutput(r, '', null) };
    const output = readFileSync(path, 'utf8');
    return { run: r, seconds: 0, exitCode: 0, output, figures: compareOutput(r, output, 0) };
  }
  console.log(`… ${r.id}: ${r.command}`);
  const o = await runFigures(r, { root, nice, ...(timeout === undefined ? {} : { timeoutSeconds: timeout }) });
  if (logDir !== undefined) writeFileSync(join(logDir, logName(r)), o.output);
  return o;
}

const outcomes: RunOutcome[] = [];
const queue = [...selected];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let r = queue.shift(); r !== undefined; r = queue.shift()) {
      const o = await one(r);
      outcomes.push(o);
      const bad = o.figures.filter((f) => !f.ok).length;
      console.log(
        `${bad === 0 ? '✓' : '✗'} ${r.id}: ${o.figures.length - bad}/${o.figures.length} figures match (${o.seconds.toFixed(0)} s)`,
      );
      if (bad > 0 && o.exitCode !== 0)
        console.log(
          o.output
            .split('\n')
            .slice(-15)
            .map((l) => `    ${l}`)
            .join('\n'),
        );
    }
  }),
);
outcomes.sort((a, b) => selected.indexOf(a.run) - selected.indexOf(b.run));
const mismatches = mismatchLines(outcomes);
const total = outcomes.reduce((n, o) => n + o.figures.length, 0);
if (mismatches.length > 0) {
  console.error(`\n${mismatches.length} of ${total} figures do not match:`);
  for (const m of mismatches) console.error(`  ${m}`);
}
if (textProblems.length > 0) console.error(`\n${textProblems.length} registry texts no longer match their files (listed above)`);
if (mismatches.length === 0 && textProblems.length === 0) console.log(`figures: all ${total} figures of ${outcomes.length} runs match`);
process.exit(mismatches.length === 0 && textProblems.length === 0 ? 0 : 1);
