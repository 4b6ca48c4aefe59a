import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the packed arena', () => {
  it('ships no tests and no test fixtures', () => {
    const listing = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8' }),
    ) as {
      files: { path: string }[];
    }[];
    const files = listing[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('src/cli.ts');
    expect(files.filter((f) => /__fixtures__|testing-fixtures|\.test\./.test(f))).toEqual([]);
  });
});
