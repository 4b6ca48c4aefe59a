// The arena CLI as real child processes, killed and stopped at awkward moments: whatever happens,
// `--resume` ends with the results file of an uninterrupted run (timing aside), no run lost or
// duplicated, and a second writer on the same folder is refused.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import { type RunRecord, withoutTiming } from '../runner/record.js';
import { lockPath } from './out-lock.js';

const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const runs = 12;
const experiment = [
  ...['--tasks', 'blobs,xor4', '--trainers', 'hill-climb,hill-climb@slow:delayMs=4', '--seeds', '3'],
  ...['--budget', 'evaluations=2500', '--plugin', stubCatalogPath, '--no-builtins', '--workers', '2', '--progress', 'plain', '--no-html'],
];

type Child = Readonly<{ child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> }>;

/**
 * Start `evoprop-arena run` on `out`; `onRecord(n)` is called as the n-th finished-run line appears
 * (the record is on disk by then: the runner appends before it reports).
 */
function start(out: string, extra: readonly string[] = [], onRecord?: (n: number, child: ChildProcess) => void): Child {
  const child = spawn(
    process.execPath,
    ['--conditions=@evoprop/source', '--import', 'tsx', cliPath, 'run', ...experiment, '--out', out, ...extra],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  let seen = 0;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    err += s;
    const n = (err.match(/^\[\d+\/\d+\]/gm) ?? []).length;
    // NOTE: not `onRecord?.(++seen, …)`: an optional call skips its arguments, and the loop would never end.
    for (; seen < n; seen++) onRecord?.(seen + 1, child);
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, err })),
  );
  return { child, done };
}

/** The results file as the lines that must match an uninterrupted run: the header, then each run without `timing`. */
function timingFree(out: string): string[] {
  return readFileSync(join(out, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const o = JSON.parse(l) as RunRecord;
      return JSON.stringify(o.type === 'run' ? withoutTiming(o) : o);
    });
}

const runIds = (out: string): string[] =>
  readFileSync(join(out, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => (JSON.parse(l) as RunRecord).runId);

const tmp = () => mkdtempSync(join(tmpdir(), 'arena-fault-'));

// Each test has its own folder and processes: they run concurrently (the processes mostly wait on each other).
describe.concurrent('arena CLI under fault injection (child processes)', () => {
  let baseline: string[] = [];

  beforeAll(async () => {
    const out = tmp();
    const r = await start(out).done;
    expect(r.code, r.err).toBe(0);
    baseline = timingFree(out);
    expect(baseline.length).toBe(1 + runs);
  }, 120_000);

  it.each([
    ['before the first run ends', 0],
    ['after 1 run', 1],
    ['after 7 runs', 7],
  ])(
    'kill -9 %s, --resume: identical to an uninterrupted run',
    async (_when, after) => {
      const out = tmp();
      const killed = start(out, [], (n, child) => {
        if (n === after) child.kill('SIGKILL');
      });
      if (after === 0) {
        // Once the lock and the header are there, the experiment is under way.
        while (!existsSync(join(out, 'results.jsonl'))) await new Promise((r) => setTimeout(r, 10));
        killed.child.kill('SIGKILL');
      }
      expect((await killed.done).signal).toBe('SIGKILL');
      const kept = runIds(out);
      expect(kept.length).toBeGreaterThanOrEqual(after);
      expect(kept.length).toBeLessThan(runs);
      // The dead process's lock is stale: the resume takes it over.
      expect(existsSync(lockPath(out))).toBe(true);
      const resumed = await start(out, ['--resume']).done;
      expect(resumed.code, resumed.err).toBe(0);
      expect(resumed.err.match(/^\[\d+\/12\]/gm)?.length).toBe(runs - kept.length);
      expect(timingFree(out)).toEqual(baseline);
      expect(existsSync(lockPath(out))).toBe(false);
    },
    120_000,
  );

  it('kill -9 during a resume, a half-written rewrite left behind, then --resume: identical', async () => {
    const out = tmp();
    const first = start(out, [], (n, child) => n === 3 && child.kill('SIGKILL'));
    await first.done;
    const second = start(out, ['--resume'], (n, child) => n === 2 && child.kill('SIGKILL'));
    expect((await second.done).signal).toBe('SIGKILL');
    // What a kill inside the final write-and-rename leaves: a torn temporary file beside the real one.
    writeFileSync(join(out, 'results.jsonl.tmp'), baseline.slice(0, 4).join('\n').slice(0, -20));
    const ids = runIds(out);
    expect(new Set(ids).size).toBe(ids.length);
    const third = await start(out, ['--resume']).done;
    expect(third.code, third.err).toBe(0);
    expect(timingFree(out)).toEqual(baseline);
  }, 120_000);

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s: reports written, exit %i, --resume completes identically',
    async (signal, code) => {
      const out = tmp();
      const stopped = await start(out, [], (n, child) => n === 2 && child.kill(signal)).done;
      expect(stopped.code, stopped.err).toBe(code);
      expect(stopped.err).toContain(`arena: stopping (${signal})`);
      expect(stopped.err.trim().split('\n').at(-1)).toMatch(
        /^arena: interrupted with \d+\/12 runs done, none failed; continue with the same command plus --resume$/,
      );
      expect(existsSync(join(out, 'report.md'))).toBe(true);
      expect(existsSync(lockPath(out))).toBe(false);
      const resumed = await start(out, ['--resume']).done;
      expect(resumed.code, resumed.err).toBe(0);
      expect(timingFree(out)).toEqual(baseline);
    },
    120_000,
  );

  it('two writers on one --out: the second is refused with exit 2, the first finishes untouched', async () => {
    const out = tmp();
    const first = start(out);
    // Start the second once the first holds the folder: it holds it until its last report is written.
    while (!existsSync(lockPath(out))) await new Promise((r) => setTimeout(r, 10));
    // Paused while the second starts, so a slow start on a loaded machine cannot find the first finished.
    first.child.kill('SIGSTOP');
    const second = start(out);
    const b0 = await second.done;
    first.child.kill('SIGCONT');
    const [a, b] = await Promise.all([first.done, b0]);
    expect(a.code, a.err).toBe(0);
    expect(b.code).toBe(2);
    expect(b.err).toBe(
      `evoprop-arena: ${out} is in use by another evoprop-arena run (pid ${first.child.pid} on this host, since ${b.err.match(/since ([^)]+)\)/)?.[1]}); wait for it to finish or choose another --out; if no such run is going on, delete ${lockPath(out)}\n`,
    );
    expect(timingFree(out)).toEqual(baseline);
  }, 120_000);
});
