import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConsumerChecks, exportsScript } from './smoke-checks.js';

export type Tarball = Readonly<{ name: string; file: string }>;

/** pnpm pack's file name for a package: `@evoprop/core@0.1.0` → `evoprop-core-0.1.0.tgz`. */
export const tarballName = (name: string, version: string): string => `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/** A folder-safe name for a package: `@evoprop/core` → `evoprop-core`. */
export const slug = (name: string): string => name.replace(/^@/, '').replace(/\W+/g, '-');

/** The files a consumer project holds besides package.json and node_modules. */
export const consumerFiles = {
  exports: 'exports.mjs',
  esm: 'consumer.mjs',
  ts: 'consumer.ts',
  compiled: 'consumer.js',
} as const;

/**
 * Write a fresh npm project that uses `name`. It depends on exactly the given tarballs
 * (the package, its @evoprop dependencies and any `checks.with` packages): a user installs
 * the same set from the registry. `overrides` pins every @evoprop name to its tarball, also
 * where reached through another tarball's dependencies, so nothing with our names is ever
 * fetched from the registry; third-party dependencies come from the registry as usual.
 */
export function writeConsumer(dir: string, name: string, tarballs: readonly Tarball[], checks: ConsumerChecks | undefined): void {
  mkdirSync(dir, { recursive: true });
  const deps = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`]));
  const manifest = {
    name: `consumer-of-${slug(name)}`,
    version: '0.0.0',
    private: true,
    type: 'module',
    dependencies: deps,
    overrides: deps,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, consumerFiles.exports), exportsScript(name));
  if (checks !== undefined) writeFileSync(join(dir, consumerFiles.esm), checks.esm);
  writeFileSync(join(dir, consumerFiles.ts), typeConsumer([name], checks?.ts ?? ''));
}

/**
 * A TypeScript module that imports every package in `names` and fails to compile when any
 * export's type is `any` (what an unresolved import inside a shipped .d.ts turns into, which
 * skipLibCheck would hide), followed by `body`, a typed use of the packages.
 */
export function typeConsumer(names: readonly string[], body = ''): string {
  const header = [
    'type IsAny<T> = [unknown] extends [T] ? ([T] extends [string] ? true : false) : false;',
    'type AnyExport<M> = { [K in keyof M]: IsAny<M[K]> }[keyof M];',
    '',
  ].join('\n');
  const guards = names.map(
    (name, i) =>
      `import * as p${i} from '${name}';\nexport const noAny${i}: AnyExport<typeof p${i}> extends false ? true : never = true;\n`,
  );
  return `${header}${guards.join('\n')}\n${body}`;
}

/**
 * A strict NodeNext tsconfig that compiles `files`, each beside itself (`consumer.ts` →
 * `consumer.js`). One tsc program may hold the consumer files of several projects: every
 * import resolves from its own file's folder, so each still sees only its own node_modules,
 * and the shared parse of lib and @types/node makes it several times cheaper than one tsc each.
 */
export const consumerTsconfig = (typeRoots: string, files: readonly string[] = [consumerFiles.ts]) => ({
  compilerOptions: {
    target: 'ES2022',
    // DOM: the WebGPU subpath's declarations reference the standard WebGPU types (@webgpu/types),
    // which are written against the DOM lib, as every TypeScript user of WebGPU compiles with.
    lib: ['ES2022', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    ...strictestOptions,
    typeRoots: [typeRoots],
    types: ['node'],
  },
  files,
});

/**
 * The type-checking options of `@tsconfig/strictest` (v2): what the strictest users compile with.
 * `skipLibCheck` is off, so every shipped `.d.ts` is checked under them too (a `.d.ts` that only
 * compiles without `exactOptionalPropertyTypes` fails here, as it would for such a user).
 */
export const strictestOptions = {
  strict: true,
  allowUnusedLabels: false,
  allowUnreachableCode: false,
  exactOptionalPropertyTypes: true,
  noFallthroughCasesInSwitch: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noPropertyAccessFromIndexSignature: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  isolatedModules: true,
  checkJs: true,
  esModuleInterop: true,
  skipLibCheck: false,
} as const;
