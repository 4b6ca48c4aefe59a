/**
 * Importing a plugin module, TypeScript included. Node 20 and 22 cannot import a `.ts` file by
 * themselves (`ERR_UNKNOWN_FILE_EXTENSION`) — which is what a user of the installed
 * `evoprop-arena` bin meets with a `my-plugin.ts`. When that happens the module is loaded again
 * through tsx's `tsImport` if tsx is installed; otherwise the error says exactly what to do.
 */

type TsImport = (specifier: string, parentURL: string) => Promise<unknown>;

/** How modules are imported; replaceable in tests. */
export type Importers = Readonly<{
  /** Node's own `import()`. */
  native: (url: string) => Promise<unknown>;
  /** tsx's ESM API (`tsx/esm/api`), or a rejection when tsx is not installed. */
  tsx: () => Promise<{ tsImport: TsImport }>;
}>;

const defaultImporters: Importers = {
  native: (url) => import(url),
  tsx: () => import('tsx/esm/api') as Promise<{ tsImport: TsImport }>,
};

/** What to do when a TypeScript plugin cannot be loaded (printed as the error's last lines). */
export const typeScriptPluginHelp =
  'a TypeScript plugin needs tsx to load: install it next to the arena (npm install --save-dev tsx) and run the same command again, ' +
  'or compile the plugin to JavaScript (tsc) and pass the .js file';

const isTypeScriptUrl = (url: string): boolean => /\.[cm]?tsx?$/.test(new URL(url).pathname);

/** `import(url)`, falling back to tsx for TypeScript files Node cannot load itself. */
export async function importModule(url: string, importers: Importers = defaultImporters): Promise<unknown> {
  try {
    return await importers.native(url);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !url.startsWith('file:') || !isTypeScriptUrl(url)) throw e;
    let tsx: { tsImport: TsImport };
    try {
      tsx = await importers.tsx();
    } catch {
      throw new Error(`${(e as Error).message}; ${typeScriptPluginHelp}`);
    }
    return tsx.tsImport(url, import.meta.url);
  }
}
