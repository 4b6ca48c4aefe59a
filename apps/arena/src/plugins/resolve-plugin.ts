import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginError } from './plugin-error.js';

/** Whether the arena runs from TypeScript source (tsx / vitest): then `@evoprop/source` export conditions apply to plugins too. */
const fromSource = import.meta.url.endsWith('.ts');
const conditions = [...(fromSource ? ['@evoprop/source'] : []), 'import', 'node', 'default'];

/** `@scope/name/sub/path` → ['@scope/name', './sub/path']. */
function splitSpecifier(specifier: string): [string, string] {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return [parts.slice(0, n).join('/'), rest === '' ? '.' : `./${rest}`];
}

/** The first target of an `exports` entry whose condition is active (Node's order: object key order). */
function pickTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) return entry.map(pickTarget).find((t) => t !== undefined);
  if (entry === null || typeof entry !== 'object') return undefined;
  for (const [condition, value] of Object.entries(entry)) {
    if (conditions.includes(condition)) {
      const t = pickTarget(value);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

/** A package installed in `node_modules` of `cwd` or a folder above it, resolved like Node's ESM resolver (exact subpaths only). */
function resolveFromDirectory(plugin: string, cwd: string): string | undefined {
  const [name, subpath] = splitSpecifier(plugin);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    const manifest = join(pkgDir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: unknown };
      const exportsMap =
        pkg.exports !== undefined &&
        (typeof pkg.exports !== 'object' || pkg.exports === null || Object.keys(pkg.exports).every((k) => !k.startsWith('.')))
          ? { '.': pkg.exports }
          : ((pkg.exports ?? {}) as Record<string, unknown>);
      const target =
        pkg.exports !== undefined
          ? pickTarget(exportsMap[subpath])
          : subpath === '.'
            ? typeof pkg.main === 'string'
              ? pkg.main
              : 'index.js'
            : subpath;
      if (target === undefined) {
        throw new PluginError(
          plugin,
          'package exports',
          `an export '${subpath}' for conditions ${conditions.join(', ')}`,
          `exports ${Object.keys(exportsMap).join(', ')}`,
        );
      }
      return pathToFileURL(join(pkgDir, target)).href;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The URL to `import()` for a plugin given as a path (relative to `cwd`), a `file:` URL or a
 * package name. Package names resolve from the arena's own dependencies first, then from the
 * `node_modules` folders of `cwd` and above, so a plugin installed next to an experiment works.
 */
export function resolvePlugin(plugin: string, cwd: string = process.cwd()): string {
  if (plugin.trim() === '') throw new PluginError(plugin, 'specifier', 'a path or package name', 'an empty string');
  if (plugin.startsWith('file:') || plugin.startsWith('node:')) return plugin;
  if (plugin.startsWith('.') || isAbsolute(plugin)) {
    const path = resolve(cwd, plugin);
    if (!existsSync(path)) throw new PluginError(plugin, 'path', 'an existing file', `nothing at ${path}`);
    return pathToFileURL(path).href;
  }
  try {
    return import.meta.resolve(plugin);
  } catch {
    const url = resolveFromDirectory(plugin, cwd);
    if (url === undefined) throw new PluginError(plugin, 'package', `a package installed in node_modules of ${cwd} or above`, 'none found');
    return url;
  }
}
