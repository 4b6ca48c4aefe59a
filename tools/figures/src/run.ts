/** Runs a figure run's command and compares every figure it produces with the README's value. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure, FigureRun } from './types.js';

/** One figure's outcome. */
export interface FigureOutcome {
  /** The figure. */
  readonly figure: Figure;
  /** The value read from the output, or `null` when it could not be read (see `problem`). */
  readonly got: string | null;
  /** Why no value could be read (the command failed, or the output lacks it); `null` when one was. */
  readonly problem: string | null;
  /** Whether `got` equals the README's value exactly. */
  readonly ok: boolean;
}

/** One run's outcome. */
export interface RunOutcome {
  /** The run. */
  readonly run: FigureRun;
  /** Wall seconds of the command. */
  readonly seconds: number;
  /** Exit code of the command (`null` when killed by a signal or the timeout). */
  readonly exitCode: number | null;
  /** stdout and stderr, interleaved as they arrived. */
  readonly output: string;
  /** One entry per figure, in registry order. */
  readonly figures: readonly FigureOutcome[];
}

/** How commands are run. */
export interface RunOptions {
  /** The repository root. */
  readonly root: string;
  /** `nice` increment for the commands; 0 runs them at normal priority. */
  readonly nice?: number;
  /** Kills a command after this many seconds (default: none). */
  readonly timeoutSeconds?: number;
}

/** Runs `sh -c command` in the run's directory, collecting stdout and stderr together. */
function exec(run: FigureRun, options: RunOptions): Promise<{ output: string; exitCode: number | null; seconds: number }> {
  const tmp = mkdtempSync(join(tmpdir(), 'evoprop-figures-'));
  const nice = options.nice ?? 0;
  const command = nice > 0 ? `nice -n ${nice} sh -c ${JSON.stringify(run.command)}` : run.command;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd: join(options.root, run.cwd),
      env: { ...process.env, ...run.env, FIGURES_TMP: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    const timer = options.timeoutSeconds === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutSeconds * 1000);
    child.on('error', (e) => {
      if (timer !== undefined) clearTimeout(timer);
      rmSync(tmp, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code) => {
      if (timer !== undefined) clearTimeout(timer);
      rmSync(tmp, { recursive: true, force: true });
      resolve({ output: Buffer.concat(chunks).toString('utf8'), exitCode: code, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Reads every figure of `run` from `output` (a command's output, or a saved log) and compares it with the README. */
export function compareOutput(run: FigureRun, output: string, exitCode: number | null): FigureOutcome[] {
  return run.figures.map((figure) => {
    if (exitCode !== 0) {
      const problem = exitCode === null ? 'the command was killed (timeout or signal)' : `the command exited with code ${exitCode}`;
      return { figure, got: null, problem, ok: false };
    }
    try {
      const got = figure.extract.read(output);
      return { figure, got, problem: null, ok: got === figure.expected };
    } catch (e) {
      return { figure, got: null, problem: (e as Error).message, ok: false };
    }
  });
}

/** Runs one run's command and compares its figures. */
export async function runFigures(run: FigureRun, options: RunOptions): Promise<RunOutcome> {
  const { output, exitCode, seconds } = await exec(run, options);
  return { run, seconds, exitCode, output, figures: compareOutput(run, output, exitCode) };
}

/** One line per figure that does not match: id, expected, got, file. */
export function mismatchLines(outcomes: readonly RunOutcome[]): string[] {
  return outcomes.flatMap((o) =>
    o.figures
      .filter((f) => !f.ok)
      .map((f) => `${f.figure.id}: expected ${f.figure.expected}, got ${f.got ?? `nothing (${f.problem})`} (${f.figure.file})`),
  );
}
