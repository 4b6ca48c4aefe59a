import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerTsconfig, tarballName, typeConsumer } from './consumer.js';
import { CommandError, run } from './exec.js';
import { repoRoot } from './workspace.js';

const root = repoRoot();
const work = mkdtempSync(join(tmpdir(), 'evoprop-type-consumer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project with one installed package whose .d.ts is `dts`; returns tsc's outcome for typeConsumer. */
function compile(name: string, dts: string): 'ok' | string {
  const dir = join(work, name);
  const pkg = join(dir, 'node_modules', name);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', type: 'module', exports: { '.': { types: './index.d.ts' } } }),
  );
  writeFileSync(join(pkg, 'index.d.ts'), dts);
  writeFileSync(join(dir, 'consumer.ts'), typeConsumer([name]));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(consumerTsconfig(join(root, 'node_modules', '@types'))));
  try {
    run('node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir });
    return 'ok';
  } catch (e) {
    if (e instanceof CommandError) return e.message;
    throw e;
  }
}

describe('typeConsumer', () => {
  it('compiles against a package whose declarations resolve, including one with no exports', () => {
    expect(compile('fine', 'export declare class Thing { size: number }\nexport declare const n: number;\n')).toBe('ok');
    expect(compile('empty', 'export {};\n')).toBe('ok');
  });

  it('fails when a shipped .d.ts imports a module that does not resolve (the export degrades to any)', () => {
    const outcome = compile(
      'broken',
      "import type { X } from 'no-such-module';\nexport declare const y: X;\nexport declare const n: number;\n",
    );
    expect(outcome).not.toBe('ok');
    expect(outcome).toContain("not assignable to type 'never'");
  });
});

describe('tarballName', () => {
  it('matches the file name pnpm pack writes', () => {
    expect(tarballName('@evoprop/core', '0.1.0')).toBe('evoprop-core-0.1.0.tgz');
  });
});
