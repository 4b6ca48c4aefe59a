import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceClosure } from './closure.js';
import { type Tarball, consumerFiles, consumerTsconfig, slug, tarballName, writeConsumer } from './consumer.js';
import { mapLimit, run, runAsync, userEnv } from './exec.js';
import { undeclaredImports } from './imports.js';
import { exportTargets, manifestProblems } from './manifest.js';
import { publintProblems, typesProblems } from './publish-lint.js';
import { publishedExamples, readmeExamples } from './readme-examples.js';
import { consumerChecks } from './smoke-checks.js';
import { type Manifest, pnpmCommand, publishablePackages, repoRoot } from './workspace.js';
import { type TestRedis, startRedis } from '@evoprop/queue/testing';

const root = repoRoot();
const packages = publishablePackages(root);
const [pnpm, pnpmArgs] = pnpmCommand(root);
const work = mkdtempSync(join(tmpdir(), 'evoprop-pack-check-'));
const packDir = join(work, 'tarballs');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const tarballs: Tarball[] = packages.map((p) => ({
  name: p.name,
  file: join(packDir, tarballName(p.name, p.manifest.version ?? '0.0.0')),
}));
const fileOf = (name: string): string => tarballs.find((t) => t.name === name)?.file ?? '';

/** One clean project per package: the package alone, with only the tarballs it needs. */
const consumers = packages.map((p) => {
  const installs = workspaceClosure([p.name, ...(consumerChecks[p.name]?.with ?? [])], packages);
  return { name: p.name, dir: join(work, slug(p.name)), installs };
});
const consumerOf = (name: string) => consumers.find((c) => c.name === name) ?? { name, dir: join(work, slug(name)), installs: [] };
const installedDir = (name: string): string => join(consumerOf(name).dir, 'node_modules', ...name.split('/'));

/**
 * Every README and guide example that imports only published packages, compiled in one more clean
 * project that installs every tarball (plus vitest, the optional peer of `@evoprop/core/testing`),
 * as a user who copies the examples would.
 */
const examples = publishedExamples(
  readmeExamples(root),
  packages.map((p) => p.name),
);
const examplesDir = join(work, 'readme-examples');
const vitestVersion = '4.1.12';

let installedExports: Record<string, { exports: string[]; undefinedExports: string[] }> = {};
/** tsc's outcome per consumer (null: compiled), from one tsc run in beforeAll. */
let compiled: Record<string, Error | null> = {};
/** tsc's diagnostics in the README examples. */
let exampleErrors: string[] = [];
/** A real Redis for the examples that use a queue (they read `REDIS_URL`), started once they compiled. */
let redis: TestRedis | undefined;

// Installs and compiles wait on disk, the network and each other's processes; two or three at once keep two cores busy.
const overlap = Math.max(2, Math.min(4, availableParallelism()));

/** tsc's diagnostics for one consumer folder, or the whole failure when none names a folder (a broken tsconfig). */
function compileErrorFor(failure: Error | null, folder: string): Error | null {
  if (failure === null) return null;
  const lines = failure.message.split('\n');
  const mine = lines.filter((l) => l.startsWith(`${folder}/`));
  if (mine.length > 0) return new Error(`tsc in ${work}:\n${mine.join('\n')}`);
  return lines.some((l) => /^[\w-]+\/[\w-]+\.ts\(/.test(l)) ? null : failure;
}

/** Run one setup step and say how long it took (the build's share is what makes this suite slow). */
async function step<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await fn();
  console.log(`pack-check: ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

beforeAll(async () => {
  // Build in dependency order through turbo (cached: free after `pnpm build`), then pack: pnpm rewrites workspace:^ to real ranges.
  // EVOPROP_PACK_CHECK_NO_BUILD=1 packs the dist folders as they are (while iterating on this tool).
  if (process.env.EVOPROP_PACK_CHECK_NO_BUILD === undefined) {
    await step('build', () =>
      run(pnpm, [...pnpmArgs, 'exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], {
        cwd: root,
        timeoutMs: 1_200_000,
      }),
    );
  }
  await step('pack', () =>
    run(pnpm, [...pnpmArgs, '-r', '--filter', './packages/*', 'pack', '--pack-destination', packDir], { cwd: root }),
  );
  for (const c of consumers) {
    const own = tarballs.filter((t) => c.installs.includes(t.name));
    writeConsumer(c.dir, c.name, own, consumerChecks[c.name]);
  }
  mkdirSync(examplesDir, { recursive: true });
  const all = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`]));
  const manifest = {
    name: 'readme-examples',
    version: '0.0.0',
    private: true,
    type: 'module',
    dependencies: { ...all, vitest: vitestVersion },
    overrides: all,
  };
  writeFileSync(join(examplesDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // `export {}` keeps an example without imports a module (top-level await works in every one).
  for (const e of examples) writeFileSync(join(examplesDir, e.file), `// ${e.doc}:${e.line}\n${e.code}\nexport {};\n`);
  // Plain npm installs into projects outside the workspace, as a user would run them; one shared npm cache,
  // third-party packages taken from it when present (the registry otherwise).
  const projects = [...consumers.map((c) => c.dir), examplesDir];
  await step(`npm install (${projects.length} projects)`, () =>
    mapLimit(projects, overlap, (dir) =>
      runAsync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env: userEnv() }),
    ),
  );
  const exported = await mapLimit(consumers, overlap, (c) => runAsync('node', [consumerFiles.exports], { cwd: c.dir, env: userEnv() }));
  installedExports = Object.fromEntries(consumers.map((c, i) => [c.name, JSON.parse(exported[i] ?? '{}')]));
  // One tsc program over every consumer.ts: each import still resolves from its own project's node_modules.
  // The README examples get a program of their own: tsc merges same-version packages across folders,
  // and the examples' project would otherwise see some types from another project's copy of zod or core.
  const typeRoots = join(root, 'node_modules', '@types');
  const files = consumers.map((c) => `${slug(c.name)}/${consumerFiles.ts}`);
  writeFileSync(join(work, 'tsconfig.json'), `${JSON.stringify(consumerTsconfig(typeRoots, files), null, 2)}\n`);
  writeFileSync(
    join(examplesDir, 'tsconfig.json'),
    `${JSON.stringify(
      consumerTsconfig(
        typeRoots,
        examples.map((e) => e.file),
      ),
      null,
      2,
    )}\n`,
  );
  const tscIn = (cwd: string) =>
    runAsync('node', [tsc, '-p', 'tsconfig.json'], { cwd, env: userEnv() }).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
  const [failure, examplesFailure] = await step('tsc (every consumer; README examples)', () =>
    Promise.all([tscIn(work), tscIn(examplesDir)]),
  );
  compiled = Object.fromEntries(consumers.map((c) => [c.name, compileErrorFor(failure, slug(c.name))]));
  if (examples.some((e) => e.run && e.code.includes('REDIS_URL'))) redis = await startRedis();
  exampleErrors = examplesFailure === null ? [] : examplesFailure.message.split('\n');
});

afterAll(async () => {
  await redis?.stop();
  if (process.env.EVOPROP_KEEP_PACK_CHECK === undefined) rmSync(work, { recursive: true, force: true });
});

describe('every package under packages/ installs alone from its tarball', () => {
  it('finds the packages by listing packages/', () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['@evoprop/core', '@evoprop/tensor']));
  });

  it('has a real-task consumer for every package', () => {
    expect(packages.map((p) => p.name).filter((name) => consumerChecks[name] === undefined)).toEqual([]);
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

    it('is installed into a clean project with only the @evoprop packages it needs', () => {
      const installed = readdirSync(join(consumerOf(name).dir, 'node_modules', '@evoprop')).map((d) => `@evoprop/${d}`);
      expect(installed.sort()).toEqual(consumerOf(name).installs);
    });

    it('imports only packages its package.json declares', () => {
      const packed = JSON.parse(run('tar', ['-xzOf', fileOf(name), 'package/package.json'], { cwd: work })) as Manifest;
      expect(undeclaredImports(installedDir(name), packed)).toEqual([]);
    });

    it('passes publint and arethetypeswrong (esm-only profile)', async () => {
      expect(await publintProblems(installedDir(name))).toEqual([]);
      expect(await typesProblems(fileOf(name))).toEqual([]);
    });

    it('exports from the installed package exactly the runtime names src/index.ts exports', async () => {
      const source = (await import(pathToFileURL(join(pkg.dir, 'src', 'index.ts')).href)) as Record<string, unknown>;
      const installed = installedExports[name];
      expect(installed).toBeDefined();
      expect(installed?.exports).toEqual(Object.keys(source).sort());
      expect(installed?.undefinedExports).toEqual([]);
    });

    it(`compiles a strict TypeScript consumer with tsc (no export typed any)${consumerChecks[name] ? ' and runs it' : ''}`, () => {
      const error = compiled[name];
      if (error !== null && error !== undefined) throw error;
      expect(compiled).toHaveProperty([name]);
      if (consumerChecks[name] !== undefined) run('node', [consumerFiles.compiled], { cwd: consumerOf(name).dir, env: userEnv() });
    });

    const checks = consumerChecks[name];
    if (checks !== undefined) {
      it(`does a real task from plain Node ESM: ${checks.does}`, () => {
        run('node', [consumerFiles.esm], { cwd: consumerOf(name).dir, env: userEnv() });
      });
    }
  });
});

/** Examples known not to compile against the current API yet (`doc:line`); none today. */
const knownBroken = new Set<string>([]);

describe('every README and guide example, against the installed tarballs', () => {
  it('finds the examples of every package README', () => {
    const docs = new Set(examples.map((e) => e.doc));
    for (const p of packages) expect(docs, `${p.name}'s README`).toContain(`packages/${p.dir.split('/').pop()}/README.md`);
    // A tsc failure that names no example file (a broken tsconfig, a crash) must not pass as "no errors".
    expect(exampleErrors.length === 0 || exampleErrors.some((l) => /^[\w.-]+\.ts\(\d+,\d+\)/.test(l)), exampleErrors.join('\n')).toBe(true);
  });

  describe.each(examples.map((e) => [`${e.doc}:${e.line}`, e] as const))('%s', (key, example) => {
    // A known-broken example is expected to fail, so fixing it fails this test until the entry goes.
    (knownBroken.has(key) ? it.fails : it)(
      `compiles under the strictest settings (no skipLibCheck)${example.run ? ' and runs under plain Node' : ' (ts slow: not run here)'}`,
      () => {
        const mine = exampleErrors.filter((l) => l.startsWith(`${example.file}(`));
        expect(mine, `tsc in ${examplesDir}`).toEqual([]);
        const env = { ...userEnv(), ...(redis !== undefined ? { REDIS_URL: redis.url } : {}) };
        if (example.run) run('node', [example.file.replace(/\.ts$/, '.js')], { cwd: examplesDir, env, timeoutMs: 120_000 });
      },
    );
  });
});
