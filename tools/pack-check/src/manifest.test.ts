import { describe, expect, it } from 'vitest';
import { exportTargets, manifestProblems } from './manifest.js';
import type { Manifest } from './workspace.js';

const good: Manifest = {
  name: '@evoprop/example',
  version: '0.1.0',
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  files: ['dist', 'README.md'],
  exports: { '.': { '@evoprop/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' } },
  dependencies: { '@evoprop/tensor': '^0.1.0' },
};

describe('manifestProblems', () => {
  it('accepts a publishable manifest', () => {
    expect(manifestProblems(good, true)).toEqual([]);
  });

  it.each([
    ['sideEffects missing', { ...good, sideEffects: undefined }, 'sideEffects'],
    ['private', { ...good, private: true }, 'private'],
    ['no files', { ...good, files: undefined }, '"files"'],
    ['CommonJS', { ...good, type: 'commonjs' }, '"type": "module"'],
    ['no exports', { ...good, exports: undefined }, 'exports map'],
    ['types missing', { ...good, exports: { '.': { import: './dist/index.js' } } }, 'types'],
    ['types after import', { ...good, exports: { '.': { import: './dist/index.js', types: './dist/index.d.ts' } } }, 'before "import"'],
    [
      'a require condition',
      { ...good, exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js', require: './x.cjs' } } },
      'ESM only',
    ],
  ] as const)('rejects a manifest with %s', (_, manifest, fragment) => {
    const problems = manifestProblems(manifest as Manifest);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(fragment);
  });

  it('rejects a packed manifest that still has workspace: ranges, naming the dependency', () => {
    const problems = manifestProblems({ ...good, dependencies: { '@evoprop/core': 'workspace:^' } }, true);
    expect(problems).toEqual([
      expect.stringContaining("dependencies.@evoprop/core rewritten to a semver range by pnpm pack, got 'workspace:^'"),
    ]);
  });
});

describe('exportTargets', () => {
  it('lists the tarball paths the exports map points at', () => {
    expect(exportTargets(good)).toEqual(['package/dist/index.d.ts', 'package/dist/index.js']);
  });
});
