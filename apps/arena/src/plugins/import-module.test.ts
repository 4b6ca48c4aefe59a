import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importModule, typeScriptPluginHelp } from './import-module.js';

/** What Node 20/22 without a loader throws for a .ts file. */
const unknownExtension = (): Promise<never> =>
  Promise.reject(Object.assign(new TypeError('Unknown file extension ".ts" for /x/my-plugin.ts'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' }));

describe('importModule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arena-import-'));
  const plugin = join(dir, 'my-plugin.ts');
  writeFileSync(plugin, 'const answer: number = 42;\nexport const trainers: unknown[] = [];\nexport { answer };\n');
  const url = pathToFileURL(plugin).href;

  it('loads a TypeScript plugin through tsx when Node cannot', async () => {
    const { tsImport } = (await import('tsx/esm/api')) as { tsImport: (s: string, p: string) => Promise<unknown> };
    const mod = (await importModule(url, { native: unknownExtension, tsx: async () => ({ tsImport }) })) as { answer: number };
    expect(mod.answer).toBe(42);
  });

  it('says what to do when tsx is not installed', async () => {
    const missing = () => Promise.reject(Object.assign(new Error("Cannot find package 'tsx'"), { code: 'ERR_MODULE_NOT_FOUND' }));
    await expect(importModule(url, { native: unknownExtension, tsx: missing })).rejects.toThrow(
      `Unknown file extension ".ts" for /x/my-plugin.ts; ${typeScriptPluginHelp}`,
    );
  });

  it('passes other errors through untouched', async () => {
    const broken = () => Promise.reject(new SyntaxError('Unexpected token'));
    await expect(importModule(url, { native: broken, tsx: () => Promise.reject(new Error('unused')) })).rejects.toThrow('Unexpected token');
  });
});
