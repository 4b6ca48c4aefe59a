import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import type { Manifest } from './workspace.js';

// Static `import … from '…'`, `export … from '…'`, side-effect `import '…'` and dynamic `import('…')` in emitted ESM.
const SPECIFIERS =
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g;

/** The package names (`zod`, `@evoprop/core`) a module imports; relative paths, Node built-ins and the package's own `#` imports (its `imports` map) are left out. */
export function bareImports(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(SPECIFIERS)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec === undefined || spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('#') || spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
    if (!builtinModules.includes(name)) names.add(name);
  }
  return [...names].sort();
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(m?js|d\.ts)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name));
}

/**
 * Imports in an installed package's files that its own package.json does not declare as a
 * dependency: they only work while something else happens to install them, so the
 * package would break when installed alone. Returns `file: name` lines.
 */
export function undeclaredImports(installedDir: string, manifest: Manifest): string[] {
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  if (manifest.name !== undefined) declared.add(manifest.name);
  const problems: string[] = [];
  for (const file of jsFiles(join(installedDir, 'dist'))) {
    for (const name of bareImports(readFileSync(file, 'utf8'))) {
      if (!declared.has(name)) problems.push(`${file.slice(installedDir.length + 1)}: ${name}`);
    }
  }
  return problems;
}
