import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import type { Catalog } from './catalog.js';
import { mergeCatalogs } from './catalog.js';
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
 * The built-in catalog plus any plugin modules. A plugin exports `createCatalog(): Catalog | Promise<Catalog>`
 * (a third-party trainer plugs into the arena this way). `builtIns: false` gives only the plugins (tests).
 */
export async function loadCatalog(plugins: readonly string[] = [], builtIns = true): Promise<Catalog> {
  const parts: Catalog[] = builtIns ? [await createDefaultCatalog()] : [];
  for (const plugin of plugins) {
    const mod: Record<string, unknown> = await import(moduleUrl(plugin));
    const create = mod.createCatalog;
    if (typeof create !== 'function') {
      throw new CatalogError(`plugin '${plugin}': expected an exported function createCatalog(), got exports: ${Object.keys(mod).join(', ') || '(none)'}`);
    }
    parts.push((await create()) as Catalog);
  }
  return mergeCatalogs(...parts);
}
