import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countByPackage, parseUndocumented } from './undocumented.js';

/** The monorepo root: the nearest ancestor holding pnpm-workspace.yaml. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`docs-check: expected pnpm-workspace.yaml above ${fileURLToPath(import.meta.url)}, found none`);
    dir = parent;
  }
  return dir;
}

describe('API reference (typedoc.json)', () => {
  it('documents every public symbol of every package, with no broken {@link}', () => {
    const root = repoRoot();
    // What `pnpm run docs` runs, without writing the site: validation (notDocumented, invalidLink) still fails the run.
    const typedoc = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'typedoc', 'bin', 'typedoc');
    const r = spawnSync('node', [typedoc, '--emit', 'none'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${r.stdout}\n${r.stderr}`;
    const undocumented = parseUndocumented(output);
    expect(countByPackage(undocumented), 'undocumented symbols by declaring package').toEqual({});
    expect(r.status, `typedoc exited with ${r.status}:\n${output.slice(-4000)}`).toBe(0);
  });
});
