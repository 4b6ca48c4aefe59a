// The arena CLI as child processes, for the queue tests: coordinators and workers started, watched and killed.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RunRecord, withoutTiming } from '../runner/record.js';

const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

/** A running CLI process: its stderr so far, a way to wait for a line, and its end. */
export type CliProcess = Readonly<{
  child: ChildProcess;
  /** Everything written to stderr so far. */
  err: () => string;
  /** Resolves when stderr has `count` lines matching `pattern` (the CLI writes whole lines). */
  waitFor: (pattern: RegExp, count?: number, timeoutMs?: number) => Promise<void>;
  /** Resolves with the exit code or signal, and stderr. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>;
}>;

/** Start `evoprop-arena ARGS` from the repository root, with the `@evoprop/source` condition. */
export function startCli(args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, ['--conditions=@evoprop/source', '--import', 'tsx', cliPath, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const waiters = new Set<() => void>();
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    err += s;
    for (const w of [...waiters]) w();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, err })),
  );
  const waitFor = (pattern: RegExp, count = 1, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}gm`);
      const check = () => {
        if ((err.match(global) ?? []).length < count) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`expected ${count} line(s) matching ${pattern} within ${timeoutMs} ms; stderr so far:\n${err}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { child, err: () => err, waitFor, done };
}

/** The results file as the lines that must match another run of the same experiment: the header, then each run without `timing`. */
export function timingFree(resultsPath: string): string[] {
  return readFileSync(resultsPath, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const o = JSON.parse(l) as RunRecord;
      return JSON.stringify(o.type === 'run' ? withoutTiming(o) : o);
    });
}

/** Kill a process (SIGKILL: tests clean up fast) and wait for it; a no-op when it has ended. */
export async function stopCli(p: CliProcess): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await p.done;
}
