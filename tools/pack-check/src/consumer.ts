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
  writeFileSync(join(dir, 'consumer.ts'), typeConsumer(tarballs.map((t) => t.name)));
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(consumerTsconfig(typeRoots), null, 2)}\n`);
}

/**
 * A TypeScript file that imports every package and fails to compile when any export's
 * type is `any`: that is what an unresolved import inside a shipped .d.ts turns into,
 * and skipLibCheck would hide the error itself.
 */
export function typeConsumer(names: readonly string[]): string {
  const header = [
    'type IsAny<T> = [unknown] extends [T] ? ([T] extends [string] ? true : false) : false;',
    'type AnyExport<M> = { [K in keyof M]: IsAny<M[K]> }[keyof M];',
    '',
  ].join('\n');
  const body = names.map(
    (name, i) =>
      `import * as p${i} from '${name}';\nexport const noAny${i}: AnyExport<typeof p${i}> extends false ? true : never = true;\n${typedChecks[name] ?? ''}`,
  );
  return header + body.join('\n');
}

export const consumerTsconfig = (typeRoots: string) => ({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    // Checking every .d.ts (zod's too) would cost more than the rest of this suite; typeConsumer's guard covers ours.
    skipLibCheck: true,
    typeRoots: [typeRoots],
    types: ['node'],
  },
  files: ['consumer.ts'],
});

export const smokeFile = (name: string): string => `smoke-${slug(name)}.mjs`;
