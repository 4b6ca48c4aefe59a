import type { Manifest } from './workspace.js';

type Conditions = Readonly<Record<string, unknown>>;

const isRecord = (x: unknown): x is Conditions => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Everything that stops a package.json from being installable on its own, as readable
 * sentences (empty when the manifest is fine). `packed` is true for the package.json
 * inside a tarball, where `workspace:` ranges must already be rewritten.
 */
export function manifestProblems(m: Manifest, packed = false): string[] {
  const problems: string[] = [];
  const who = m.name ?? '(unnamed package)';
  if (m.name === undefined || !/^@evoprop\/[a-z0-9-]+$/.test(m.name))
    problems.push(`${who}: expected a name '@evoprop/<kebab-name>', got '${m.name}'`);
  if (m.private === true) problems.push(`${who}: expected a publishable package, got "private": true`);
  if (typeof m.version !== 'string' || !/^\d+\.\d+\.\d+/.test(m.version))
    problems.push(`${who}: expected a semver version, got '${m.version}'`);
  if (m.type !== 'module') problems.push(`${who}: expected "type": "module" (ESM only), got '${m.type}'`);
  if (m.sideEffects !== false) problems.push(`${who}: expected "sideEffects": false, got ${JSON.stringify(m.sideEffects)}`);
  if (typeof m.license !== 'string') problems.push(`${who}: expected a license, got none`);
  if (!Array.isArray(m.files) || !m.files.includes('dist'))
    problems.push(`${who}: expected "files" to list "dist", got ${JSON.stringify(m.files)}`);

  const root = isRecord(m.exports) ? m.exports['.'] : undefined;
  if (!isRecord(root)) {
    problems.push(`${who}: expected an exports map with a "." entry of conditions, got ${JSON.stringify(m.exports)}`);
  } else {
    const keys = Object.keys(root);
    const types = root.types;
    const runtime = root.import ?? root.default;
    if (typeof types !== 'string' || !types.startsWith('./dist/') || !types.endsWith('.d.ts')) {
      problems.push(`${who}: expected exports["."].types to be a ./dist/*.d.ts path, got ${JSON.stringify(types)}`);
    }
    if (typeof runtime !== 'string' || !runtime.startsWith('./dist/') || !runtime.endsWith('.js')) {
      problems.push(`${who}: expected exports["."].import (or default) to be a ./dist/*.js path, got ${JSON.stringify(runtime)}`);
    }
    // TypeScript and Node pick the first matching condition, so "types" must precede the runtime entry.
    const runtimeKey = 'import' in root ? 'import' : 'default';
    if (keys.includes('types') && keys.includes(runtimeKey) && keys.indexOf('types') > keys.indexOf(runtimeKey)) {
      problems.push(`${who}: expected exports["."].types before "${runtimeKey}", got the order ${keys.join(', ')}`);
    }
    if ('require' in root) problems.push(`${who}: expected ESM only, got a "require" condition`);
  }

  if (packed) {
    for (const field of ['dependencies', 'peerDependencies'] as const) {
      for (const [dep, range] of Object.entries(m[field] ?? {})) {
        if (range.startsWith('workspace:'))
          problems.push(`${who}: expected ${field}.${dep} rewritten to a semver range by pnpm pack, got '${range}'`);
      }
    }
  }
  return problems;
}

/** Paths a tarball must contain for its exports map to resolve (tar entries are prefixed with `package/`). */
export function exportTargets(m: Manifest): string[] {
  const root = isRecord(m.exports) ? m.exports['.'] : undefined;
  if (!isRecord(root)) return [];
  return ['types', 'import', 'default']
    .map((k) => root[k])
    .filter((v): v is string => typeof v === 'string')
    .map((p) => `package/${p.replace(/^\.\//, '')}`);
}
