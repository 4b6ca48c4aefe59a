import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportsScript, smokeChecks, typedChecks } from './smoke-checks.js';

export type Tarball = Readonly<{ name: string; file: string }>;

/** pnpm pack's file name for a package: `@evoprop/core@0.1.0` → `evoprop-core-0.1.0.tgz`. */
export const tarballName = (name: string, version: string): string => `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

const slug = (name: string): string => name.replace(/^@/, '').replace(/\W+/g, '-');

/**
 * Write a fresh npm project that depends on the tarballs only. `overrides` pins every
 * @evoprop/* package, including ones reached through another tarball's dependencies,
 * to its local tarball, so nothing with our names is ever fetched from the registry.
 */
export function writeConsumer(dir: string, tarballs: readonly Tarball[], typeRoots: string): void {
  mkdirSync(dir, { recursive: true });
  const deps = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`]));
  const manifest = {
    name: 'evoprop-pack-check-consumer',
    version: '0.0.0',
    private: true,
    type: 'module',
    dependencies: deps,
    overrides: deps,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'exports.mjs'), exportsScript(tarballs.map((t) => t.name)));
  for (const t of tarballs) {
    const smoke = smokeChecks[t.name];
    if (smoke !== undefined) writeFileSync(join(dir, `smoke-${slug(t.name)}.mjs`), smoke);
  }
  const typed = tarballs.map(
    (t, i) => typedChecks[t.name] ?? `import * as p${i} from '${t.name}';\nexport const n${i}: number = Object.keys(p${i}).length;\n`,
  );
  writeFileSync(join(dir, 'consumer.ts'), typed.join('\n'));
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      // Check our published .d.ts files too, not only the consumer.
      skipLibCheck: false,
      typeRoots: [typeRoots],
      types: ['node'],
    },
    files: ['consumer.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
}

export const smokeFile = (name: string): string => `smoke-${slug(name)}.mjs`;
