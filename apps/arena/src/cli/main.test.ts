import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stubCatalogPath } from '../testing-fixtures/stub-catalog.js';
import { main } from './main.js';

const stubs = ['--plugin', stubCatalogPath, '--no-builtins'];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('evoprop-arena', () => {
  it('lists tasks and trainers with their config options', async () => {
    const { code, out } = await cli('list', '--json', ...stubs);
    expect(code).toBe(0);
    const l = JSON.parse(out) as {
      trainers: { id: string; options: { name: string; type: string; default?: unknown }[] }[];
      tasks: { id: string }[];
    };
    expect(l.tasks.map((t) => t.id)).toEqual(['blobs', 'xor4']);
    expect(l.trainers.find((t) => t.id === 'hill-climb')?.options).toContainEqual({
      name: 'sigma',
      type: 'number',
      default: 0.3,
      range: '(0, ∞)',
    });
  });

  it('fails with exit code 2 and a pointed message for a bad definition', async () => {
    const { code, err } = await cli('run', '--tasks', 'blob', '--trainers', 'hill-climb', '--budget', 'evaluations=10', ...stubs);
    expect(code).toBe(2);
    expect(err).toContain("tasks[0]: unknown task 'blob'; did you mean 'blobs'?");
    expect((await cli('run', '--budget', 'flop=1', ...stubs)).err).toMatch(
      /--budget flop=1: expected CURRENCY=NUMBER with CURRENCY one of flops, evaluations/,
    );
    expect((await cli('frobnicate')).err).toMatch(/unknown command 'frobnicate'; valid: run, list, report, show/);
  });

  it('runs, writes every report, and rebuilds the same report from the results file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'arena-cli-'));
    const run = await cli(
      'run',
      '--tasks',
      'blobs',
      '--trainers',
      'hill-climb,hill-climb@wide:sigma=1',
      '--seeds',
      '2',
      '--budget',
      'evaluations=300',
      '--out',
      out,
      '--workers',
      '0',
      '--json',
      '--save-models',
      ...stubs,
    );
    expect(run.code).toBe(0);
    for (const f of ['results.jsonl', 'report.md', 'report.json', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(run.err).toMatch(/\[4\/4\] blobs\/wide\/1: accuracy/);
    const report = await cli('report', join(out, 'results.jsonl'), '--json');
    expect(report.out).toBe(run.out);
    expect(JSON.parse(report.out).tasks[0].trainers.map((t: { trainer: string }) => t.trainer)).toEqual(['hill-climb', 'wide']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('| Rank | Trainer | Params | Success |');

    const show = await cli('show', join(out, 'models', 'blobs__wide__1.safetensors'));
    expect(show.code).toBe(0);
    expect(show.out).toContain('kind: stub-mlp');
    expect(show.out).toMatch(/parameters: 32\n/);
    expect(show.out).toMatch(/l1\.weight\s+\[2, 6\]\s+12/);
    const svg = await cli('show', join(out, 'models', 'blobs__wide__1.safetensors'), '--svg', join(out, 'x.svg'));
    expect(svg.code).toBe(2);
    expect(svg.err).toContain("no topology renderer for models of kind 'stub-mlp'");
  });
});
