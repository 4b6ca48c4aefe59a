import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { type Plugin, build, defaultClientConditions } from 'vite';

/** What {@link bundleForBrowser} produced. */
export type BrowserBundle = Readonly<{
  /** The folder holding `<name>.js` per entry, its chunks and workers. */
  dir: string;
  /** Every Node built-in a bundled module imported, as `importer → built-in` (must be empty). */
  nodeImports: readonly string[];
}>;

const isBuiltin = (id: string): boolean => id.startsWith('node:') || builtinModules.includes(id.split('/')[0] as string);

/** Whether the package.json nearest `importer` maps `id` to `false` in its `browser` field (not needed in a browser). */
function browserFieldDrops(importer: string, id: string): boolean {
  for (let dir = dirname(importer); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const browser = (JSON.parse(readFileSync(manifest, 'utf8')) as { browser?: unknown }).browser;
    return typeof browser === 'object' && browser !== null && (browser as Record<string, unknown>)[id] === false;
  }
  return false;
}

/**
 * Bundles each entry (`name → module path`) with Vite for the browser, the way an application
 * would (the `browser` export condition, ES workers), from the packages' sources. Records every
 * import of a Node built-in that resolution did not map away (a package `browser` field mapping
 * it to `false`, as seedrandom's `crypto`, is not one).
 */
export async function bundleForBrowser(entries: Readonly<Record<string, string>>, outDir: string): Promise<BrowserBundle> {
  const nodeImports: string[] = [];
  const detect: Plugin = {
    name: 'evoprop:no-node-builtins',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!isBuiltin(id) || (importer !== undefined && browserFieldDrops(importer, id))) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      // Vite maps a built-in to an empty `__vite-browser-external` module unless a browser field says `false`.
      if (resolved === null || resolved.external || resolved.id.includes('__vite-browser-external'))
        nodeImports.push(`${importer} → ${id}`);
      return resolved;
    },
  };
  await build({
    configFile: false,
    logLevel: 'error',
    mode: 'production',
    root: outDir,
    resolve: { conditions: ['@evoprop/source', ...defaultClientConditions] },
    plugins: [detect],
    worker: { format: 'es', plugins: () => [detect] },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: entries,
        preserveEntrySignatures: 'exports-only',
        output: { entryFileNames: '[name].js' },
      },
    },
  });
  return { dir: outDir, nodeImports };
}
