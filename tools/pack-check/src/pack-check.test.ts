import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Tarball, smokeFile, tarballName, writeConsumer } from './consumer.js';
import { run, userEnv } from './exec.js';
import { undeclaredImports } from './imports.js';
import { exportTargets, manifestProblems } from './manifest.js';
import { publintProblems, typesProblems } from './publish-lint.js';
import { smokeChecks } from './smoke-checks.js';
import { type Manifest, pnpmCommand, publishablePackages, repoRoot } from './workspace.js';

const root = repoRoot();
const packages = publishablePackages(root);
const [pnpm, pnpmArgs] = pnpmCommand(root);
const work = mkdtempSync(join(tmpdir(), 'evoprop-pack-check-'));
const packDir = join(work, 'tarballs');
const consumerDir = join(work, 'consumer');
const tarballs: Tarball[] = packages.map((p) => ({
  name: p.name,
  file: join(packDir, tarballName(p.name, p.manifest.version ?? '0.0.0')),
}));
const fileOf = (name: string): string => tarballs.find((t) => t.name === name)?.file ?? '';
let installedExports: Record<string, { exports: string[]; undefinedExports: string[] }> = {};

/** Run one setup step and say how long it took (the build's share is what makes this suite slow). */
function step<T>(label: string, fn: () => T): T {
  const started = performance.now();
  const value = fn();
  console.log(`pack-check: ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

beforeAll(() => {
  // Build in dependency order through turbo (cached: free after `pnpm build`), then pack: pnpm rewrites workspace:^ to real ranges.
  step('build', () =>
    run(pnpm, [...pnpmArgs, 'exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], { cwd: root }),
  );
  step('pack', () => run(pnpm, [...pnpmArgs, '-r', '--filter', './packages/*', 'pack', '--pack-destination', packDir], { cwd: root }));
  writeConsumer(consumerDir, tarballs, join(root, 'node_modules', '@types'));
  // A plain npm install into a project outside the workspace, as a user would do it.
  step('npm install', () => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumerDir, env: userEnv() }));
  installedExports = JSON.parse(run('node', ['exports.mjs'], { cwd: consumerDir, env: userEnv() }));
});

afterAll(() => {
  if (process.env.EVOPROP_KEEP_PACK_CHECK === undefined) rmSync(work, { recursive: true, force: true });
});

describe('every package under packages/ installs alone from its tarball', () => {
  it('finds the packages by listing packages/', () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['@evoprop/core', '@evoprop/tensor']));
  });

  describe.each(packages.map((p) => [p.name, p] as const))('%s', (name, pkg) => {
    it('has a publishable package.json (exports with types, files, sideEffects false)', () => {
      expect(manifestProblems(pkg.manifest)).toEqual([]);
    });

    it('packs a tarball with its export targets, a rewritten package.json and no tests', () => {
      const listing = run('tar', ['-tzf', fileOf(name)], { cwd: work })
        .split('\n')
        .filter(Boolean);
      expect(listing).toEqual(expect.arrayContaining(exportTargets(pkg.manifest)));
      expect(listing.filter((f) => f.endsWith('.test.ts') || f.endsWith('.test.js'))).toEqual([]);
      const packed = JSON.parse(run('tar', ['-xzOf', fileOf(name), 'package/package.json'], { cwd: work })) as Manifest;
      expect(manifestProblems(packed, true)).toEqual([]);
    });

    it('imports only packages its package.json declares, so it also works installed alone', () => {
      const installed = join(consumerDir, 'node_modules', ...name.split('/'));
      const packed = JSON.parse(run('tar', ['-xzOf', fileOf(name), 'package/package.json'], { cwd: work })) as Manifest;
      expect(undeclaredImports(installed, packed)).toEqual([]);
    });

    it('passes publint and arethetypeswrong (esm-only profile)', async () => {
      expect(await publintProblems(join(consumerDir, 'node_modules', ...name.split('/')))).toEqual([]);
      expect(await typesProblems(fileOf(name))).toEqual([]);
    });

    it('exports from the installed package exactly the runtime names src/index.ts exports', async () => {
      const source = (await import(pathToFileURL(join(pkg.dir, 'src', 'index.ts')).href)) as Record<string, unknown>;
      const installed = installedExports[name];
      expect(installed).toBeDefined();
      expect(installed?.exports).toEqual(Object.keys(source).sort());
      expect(installed?.undefinedExports).toEqual([]);
    });

    if (smokeChecks[name] !== undefined) {
      it('runs its smoke script from plain Node ESM', () => {
        run('node', [smokeFile(name)], { cwd: consumerDir, env: userEnv() });
      });
    }
  });

  it('compiles a strict TypeScript consumer against the installed .d.ts files', () => {
    run('node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: consumerDir, env: userEnv() });
  });
});
