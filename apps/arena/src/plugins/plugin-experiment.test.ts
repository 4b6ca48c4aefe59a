import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('plugins in an arena experiment', () => {
  it('runs the example trainer (from the file) and task (from --plugin) next to built-ins, on a worker thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-plugins-'));
    const trainerPlugin = relative(dir, join(examples, 'custom-trainer/src/index.ts'));
    writeFileSync(
      join(dir, 'experiment.yaml'),
      [
        'name: plugin-demo',
        `plugins: [${JSON.stringify(trainerPlugin)}]`,
        'tasks: [xor, { id: noisy-checkerboard, options: { cells: 2, trainSize: 64, validationSize: 16, testSize: 64 } }]',
        'trainers: [adam, { id: one-fifth-es, config: { hidden: [4] } }]',
        'seeds: 2',
        'budget: { evaluations: 3000 }',
      ].join('\n'),
    );
    const r = await cli(
      'run',
      join(dir, 'experiment.yaml'),
      '--plugin',
      join(examples, 'custom-task/src/index.ts'),
      '--out',
      join(dir, 'out'),
      '--workers',
      '1',
      '--json',
      '--no-html',
    );
    expect(r.err).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { tasks: { task: string; trainers: { trainer: string }[] }[] };
    expect(report.tasks.map((t) => t.task).sort()).toEqual(['noisy-checkerboard', 'xor']);
    for (const t of report.tasks) expect(t.trainers.map((x) => x.trainer).sort()).toEqual(['adam', 'one-fifth-es']);
    expect(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).toMatch(/one-fifth-es/);
  });

  it('lists a plugin trainer with its config options, and rejects a bad plugins entry with exit code 2', async () => {
    const l = await cli('list', 'trainers', '--json', '--plugin', join(examples, 'custom-trainer/src/index.ts'));
    const trainers = JSON.parse(l.out) as { id: string; options: { name: string; default?: unknown }[] }[];
    expect(trainers.map((t) => t.id)).toEqual(expect.arrayContaining(['adam', 'one-fifth-es']));
    expect(trainers.find((t) => t.id === 'one-fifth-es')?.options).toContainEqual(expect.objectContaining({ name: 'sigma', default: 0.5 }));

    const dir = mkdtempSync(join(tmpdir(), 'arena-plugins-'));
    writeFileSync(join(dir, 'bad.yaml'), 'plugins: [./missing.ts]\ntasks: [xor]\ntrainers: [adam]\nbudget: { evaluations: 10 }\n');
    const bad = await cli('run', join(dir, 'bad.yaml'), '--out', join(dir, 'out'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/plugin '.*missing\.ts': path: expected an existing file, got nothing at .*missing\.ts/);
  });
});
