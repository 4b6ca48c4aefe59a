import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

/** Two noisy clusters as CSV: quoted header cells, a categorical target column. */
function clustersCsv(): string {
  const rng = Rng.fromSeed(3);
  const rows = Array.from({ length: 80 }, (_, i) => {
    const kind = i % 2 === 0 ? 'left' : 'right';
    const x = (kind === 'left' ? -2 : 2) + rng.normal();
    return `${x.toFixed(3)},${rng.normal().toFixed(3)},"${kind}"`;
  });
  return ['"x, cm",y,kind', ...rows].join('\n');
}

describe('an experiment on a CSV file', () => {
  it('runs trainers on the file (paths relative to the experiment, read again in a worker thread)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-file-'));
    writeFileSync(join(dir, 'clusters.csv'), clustersCsv());
    writeFileSync(
      join(dir, 'experiment.yaml'),
      [
        'name: my-data',
        'tasks: [{ file: clusters.csv, target: kind, standardise: true }]',
        'trainers: [adam]',
        'seeds: 2',
        'budget: { epochs: 30 }',
      ].join('\n'),
    );
    const r = await cli('run', join(dir, 'experiment.yaml'), '--out', join(dir, 'out'), '--workers', '1', '--json', '--no-html');
    expect(r.err).not.toMatch(/error|crashed/i); // exit code 0: no run failed
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { tasks: { task: string; trainers: { trainer: string; runs?: number }[] }[] };
    expect(report.tasks.map((t) => t.task)).toEqual(['clusters.csv']);
    expect(report.tasks[0]?.trainers.map((t) => t.trainer)).toEqual(['adam']);
    expect(r.out).toMatch(/"accuracy"/);
  });

  it('fails before any run with the line and column of a bad cell, or the missing column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-file-'));
    writeFileSync(join(dir, 'bad.csv'), 'a,b,kind\n1,2,x\n3,oops,y\n5,6,x\n');
    const experiment = (task: string) =>
      writeFileSync(join(dir, 'e.yaml'), `tasks: [${task}]\ntrainers: [adam]\nseeds: 1\nbudget: { epochs: 1 }\n`);
    experiment('{ file: bad.csv, target: kind }');
    const bad = await cli('run', join(dir, 'e.yaml'), '--out', join(dir, 'out'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("bad.csv (line 3, column 'b'): expected a number, got 'oops'");
    experiment('{ file: bad.csv, target: label }');
    expect((await cli('run', join(dir, 'e.yaml'), '--out', join(dir, 'out'))).err).toContain(
      "(column 'label'): expected a target column, one of 'a', 'b', 'kind', got no such column",
    );
    experiment('{ file: missing.csv, target: kind }');
    expect((await cli('run', join(dir, 'e.yaml'), '--out', join(dir, 'out'))).err).toMatch(
      /missing\.csv: expected a readable data file, got ENOENT/,
    );
  });
});
