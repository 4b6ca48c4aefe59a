// Every experiment file and the library example of this README, run as written (issue #22): the
// YAML blocks with one seed and a small budget (flags override those two only), the TypeScript
// block as is. `ts fragment` blocks are excerpts (a plugin needing your trainer, a results file).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { main } from './cli/main.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = (info: string): string[] =>
  [...readme.matchAll(new RegExp(`^\`\`\`${info}[ \\t]*\\n([\\s\\S]*?)^\`\`\`[ \\t]*$`, 'gm'))].map((m) => m[1] as string);

/** The data files the README's own-data example names, with the columns it uses. */
function writeDataFiles(dir: string): void {
  const rng = Rng.fromSeed(0);
  const species = ['setosa', 'versicolor', 'virginica'];
  const rows = Array.from({ length: 60 }, (_, i) => {
    const k = i % 3;
    return `${(4.5 + k + rng.normal() * 0.3).toFixed(2)},${(3 - 0.3 * k + rng.normal() * 0.2).toFixed(2)},${species[k]}`;
  });
  writeFileSync(join(dir, 'measurements.csv'), ['sepal_length,sepal_width,species', ...rows].join('\n'));
  const houses = Array.from({ length: 60 }, () => {
    const area = 50 + rng.uniform(0, 100);
    const rooms = 1 + Math.floor(rng.uniform(0, 5));
    return `${area.toFixed(1)},${rooms},${(3 * area + 10 * rooms).toFixed(1)},north`;
  });
  writeFileSync(join(dir, 'prices.csv'), ['area,rooms,price,district', ...houses].join('\n'));
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('apps/arena/README.md', () => {
  const experiments = blocks('yaml');

  it('has the experiment files it documents', () => {
    expect(experiments.length).toBeGreaterThanOrEqual(3);
  });

  it.each(experiments.map((y, i) => [/^# (\S+)/.exec(y)?.[1] ?? `block ${i + 1}`, y] as const))(
    '%s runs without a failed run',
    async (name, yaml) => {
      const dir = mkdtempSync(join(tmpdir(), 'arena-readme-'));
      writeDataFiles(dir);
      writeFileSync(join(dir, name), yaml);
      const r = await cli(
        'run',
        join(dir, name),
        '--seeds',
        '1',
        '--budget',
        'flops=2e6',
        '--workers',
        '0',
        '--no-html',
        '--json',
        '--out',
        join(dir, 'out'),
      );
      expect(r.err).not.toMatch(/crashed|Error/);
      expect(r.code, r.err).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    },
  );

  it('runs the library example', () => {
    const [example] = blocks('ts');
    expect(example).toContain('runExperiment');
    const dir = mkdtempSync(join(packageDir, '.readme-'));
    try {
      writeFileSync(join(dir, 'example.ts'), `${example}\nexport {};\n`);
      const out = execFileSync('node', ['--conditions=@evoprop/source', '--import', 'tsx', join(dir, 'example.ts')], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(out).toContain('| Rank | Trainer |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
