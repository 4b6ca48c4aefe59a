// The release path (issue #22): `pnpm publish -r --dry-run` (what `pnpm release:check` runs and
// `changeset publish` does for real) packs and accepts every public package.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './exec.js';
import { pnpmCommand, publishablePackages, readManifest, repoRoot } from './workspace.js';

const root = repoRoot();

describe('pnpm publish -r --dry-run', () => {
  it('would publish every public package to the public registry, with provenance', () => {
    const [pnpm, args] = pnpmCommand(root);
    // --no-git-checks: the dry run also runs on branches and dirty trees (the real publish keeps the checks).
    const r = run(pnpm, [...args, 'publish', '-r', '--dry-run', '--no-git-checks'], { cwd: root });
    const arena = join(root, 'apps', 'arena');
    const published = [...publishablePackages(root), { dir: arena, name: '@evoprop/arena', manifest: readManifest(arena) }];
    for (const p of published) {
      expect(r, p.name).toContain(`${p.name}@${p.manifest.version ?? ''} → https://registry.npmjs.org/`);
      expect(p.manifest.publishConfig, `${p.name} publishConfig`).toEqual({ access: 'public', provenance: true });
    }
    expect(published.length).toBeGreaterThan(5);
  });
});
