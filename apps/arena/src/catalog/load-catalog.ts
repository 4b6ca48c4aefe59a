import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import type { Catalog } from './catalog.js';
import { loadPlugins } from '../plugins/load-plugin.js';
import { createDefaultCatalog } from './default-catalog.js';

export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** Turn a path or specifier into something `import()` accepts from any working directory. */
export function moduleUrl(specifier: string): string {
  if (specifier.startsWith('file:') || specifier.startsWith('node:')) return specifier;
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(specifier)).href;
  return specifier;
}

/**
 * The built-in catalog plus any plugin modules (paths or package names). A plugin exports
 * `trainers` and/or `tasks` arrays of definitions (`defineTrainer` / `defineTask` of @evoprop/core),
 * or `createCatalog(): Catalog | Promise<Catalog>`; see docs/plugins.md. Bad exports and ids
 * registered twice fail with a PluginError. `builtIns: false` gives only the plugins (tests).
 */
export async function loadCatalog(plugins: readonly string[] = [], builtIns = true): Promise<Catalog> {
  return loadPlugins(builtIns ? [{ source: 'built-in', catalog: await createDefaultCatalog() }] : [], plugins);
}
