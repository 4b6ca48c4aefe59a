import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import { withoutTiming } from '../runner/record.js';
import { readResults } from '../runner/results-file.js';
import type { StopSignal } from './io.js';
import { main, withDefaultCommand } from './main.js';
import { acquireOutLock, lockPath } from './out-lock.js';

const stubs = ['--plugin', stubCatalogPath, '--no-builtins', '--workers', '0', '--no-html', '--progress', 'plain'];
/** One hill-climb run on blobs with the stub catalog: an experiment that always succeeds. */
const cleanRun = (out: string): string[] => [
  'run',
  '--tasks',
  'blobs',
  '--trainers',
  'hill-climb',
  '--seeds',
  '1',
  '--budget',
  'evaluations=200',
  '--out',
  out,
  ...stubs,
];
const tmp = () => mkdtempSync(join(tmpdir(), 'arena-run-'));

type Run = { code: number; out: string; err: string };

async function cli(argv: readonly string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const lastLine = (s: string) => s.trim().split('\n').at(-1);
const mixed = (out: string, ...more: string[]) =>
  cli([
    'run',
    '--tasks',
    'blobs',
    '--trainers',
    'hill-climb,crash',
    '--seeds',
    '2',
    '--budget',
    'evaluations=200',
    '--out',
    out,
    ...stubs,
    ...more,
  ]);

describe('pnpm arena (the root script)', () => {
  it('passes every command through and runs an experiment when there is none', () => {
    expect(withDefaultCommand(['list', 'tasks'])).toEqual(['list', 'tasks']);
    expect(withDefaultCommand(['show', 'm.safetensors'])).toEqual(['show', 'm.safetensors']);
    expect(withDefaultCommand(['help', 'run'])).toEqual(['help', 'run']);
    expect(withDefaultCommand(['--help'])).toEqual(['--help']);
    expect(withDefaultCommand([])).toEqual(['run']);
    expect(withDefaultCommand(['--seeds', '2', '--tasks', 'xor'])).toEqual(['run', '--seeds', '2', '--tasks', 'xor']);
    expect(withDefaultCommand(['spirals.yaml'])).toEqual(['run', 'spirals.yaml']);
    expect(withDefaultCommand(['constructor'])).toEqual(['run', 'constructor']);
  });

  it('runs `list tasks` through the root entry as a real process (it used to become `run list tasks`)', () => {
    const root = fileURLToPath(new URL('../../../..', import.meta.url));
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=@evoprop/source',
        '--import',
        'tsx',
        'apps/arena/src/cli/root-script.ts',
        'list',
        'tasks',
        '--plugin',
        stubCatalogPath,
        '--no-builtins',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Tasks:\n\s+blobs\s+two Gaussian blobs/);
  }, 60_000);

  it('names the root script in package.json after the entry that adds the default', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.arena).toMatch(/apps\/arena\/src\/cli\/root-script\.ts$/);
  });
});

describe('evoprop-arena run: failed runs', () => {
  it('exits 1 when any run failed and says how many in the last line; --allow-failures exits 0', async () => {
    const out = tmp();
    const run = await mixed(out);
    expect(run.code).toBe(1);
    expect(lastLine(run.err)).toMatch(/^arena: 2 of 4 runs failed \(crashed 2; reasons in report\.md\); exit code 1/);
    expect(existsSync(join(out, 'report.md'))).toBe(true);
    const allowed = await mixed(tmp(), '--allow-failures');
    expect(allowed.code).toBe(0);
    expect(lastLine(allowed.err)).toMatch(/^arena: 2 of 4 runs failed .*allowed by --allow-failures$/);
    const clean = await cli(cleanRun(tmp()));
    expect(clean.code).toBe(0);
    expect(lastLine(clean.err)).toBe('arena: all 1 runs done, none failed');
  });

  it('--resume keeps failed runs; --retry-failed runs them again, each run recorded once', async () => {
    const out = tmp();
    expect((await mixed(out)).code).toBe(1);
    const resumed = await mixed(out, '--resume');
    expect(resumed.err).not.toMatch(/FAILED/);
    expect(resumed.code).toBe(1);
    const retried = await mixed(out, '--retry-failed');
    expect(retried.err.match(/FAILED \(crashed/g)?.length).toBe(2);
    expect(retried.err).not.toMatch(/hill-climb\/\d: accuracy/);
    const { records } = readResults(join(out, 'results.jsonl'));
    expect(records.map((r) => `${r.trainer}/${r.seed}:${r.ok}`)).toEqual([
      'hill-climb/0:true',
      'hill-climb/1:true',
      'crash/0:false',
      'crash/1:false',
    ]);
  });
});

describe('evoprop-arena run: SIGTERM', () => {
  it('stops like SIGINT: reports written, exit 143, and --resume ends identical to an uninterrupted run', async () => {
    const whole = tmp();
    const cut = tmp();
    const args = (out: string) => [
      'run',
      '--tasks',
      'blobs,xor4',
      '--trainers',
      'hill-climb',
      '--seeds',
      '3',
      '--budget',
      'evaluations=300',
      '--out',
      out,
      ...stubs,
    ];
    expect((await cli(args(whole))).code).toBe(0);
    let raise: ((s: StopSignal) => void) | undefined;
    let finished = 0;
    let err = '';
    const code = await main(args(cut), {
      stdout: { write: () => true },
      stderr: {
        write: (s: string) => {
          err += s;
          if (/^\[\d+\/6\]/.test(s) && ++finished === 2) raise?.('SIGTERM');
          return true;
        },
      },
      onInterrupt: (h) => {
        raise = h;
        return () => undefined;
      },
    });
    expect(code).toBe(143);
    expect(err).toContain('arena: stopping (SIGTERM)');
    expect(lastLine(err)).toMatch(/^arena: interrupted with 2\/6 runs done, none failed; continue with the same command plus --resume$/);
    expect(existsSync(join(cut, 'report.md'))).toBe(true);
    expect(existsSync(lockPath(cut))).toBe(false);
    expect((await cli([...args(cut), '--resume'])).code).toBe(0);
    const timingFree = (out: string) => readResults(join(out, 'results.jsonl')).records.map((r) => JSON.stringify(withoutTiming(r)));
    expect(timingFree(cut)).toEqual(timingFree(whole));
  });
});

describe('evoprop-arena run: one writer per --out', () => {
  const args = cleanRun;

  it('refuses a second writer with exit 2 and names the owner', async () => {
    const out = tmp();
    const unlock = acquireOutLock(out);
    const { started } = JSON.parse(readFileSync(lockPath(out), 'utf8')) as { started: string };
    const second = await cli(args(out));
    unlock();
    expect(second.code).toBe(2);
    expect(second.err).toBe(
      `evoprop-arena: ${out} is in use by another evoprop-arena run (pid ${process.pid} on this host, since ${started}); wait for it to finish or choose another --out; if no such run is going on, delete ${lockPath(out)}\n`,
    );
    expect(existsSync(join(out, 'results.jsonl'))).toBe(false);
    expect((await cli(args(out))).code).toBe(0);
    expect(existsSync(lockPath(out))).toBe(false);
  });

  it('takes over a stale lock left by a dead process on this host, not one from another host', async () => {
    const out = tmp();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lockPath(out), JSON.stringify({ pid: dead, host: hostname(), started: '2026-01-01T00:00:00.000Z', token: 'x' }));
    expect((await cli(args(out))).code).toBe(0);
    expect(existsSync(lockPath(out))).toBe(false);
    writeFileSync(lockPath(out), JSON.stringify({ pid: dead, host: 'elsewhere', started: '2026-01-01T00:00:00.000Z', token: 'x' }));
    const other = await cli(args(out));
    expect(other.code).toBe(2);
    expect(other.err).toContain(`(pid ${dead} on host elsewhere, since 2026-01-01T00:00:00.000Z)`);
    writeFileSync(lockPath(out), '');
    expect((await cli(args(out))).err).toMatch(/arena\.lock: expected a lock file of evoprop-arena .*got ""; delete it if no run uses/);
  });
});
