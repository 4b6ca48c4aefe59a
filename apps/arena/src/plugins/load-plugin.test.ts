import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineTask, defineTrainer } from '@evoprop/core/registry';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { catalogOf } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { loadPlugin, loadPlugins, mergeStrict, pluginCatalog } from './load-plugin.js';
import { PluginError } from './plugin-error.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const customTrainer = join(examples, 'custom-trainer/src/index.ts');
const customTask = join(examples, 'custom-task/src/index.ts');
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

const okTrainer = defineTrainer({
  id: 'mine',
  description: 'a test trainer',
  configSchema: z.strictObject({ rate: z.number().default(0.5) }),
  create: (config) => ({ id: `mine@${config.rate}`, fit: () => Promise.reject(new Error('unused')) }),
});
const okTask = defineTask({
  id: 'my-task',
  kind: 'objective',
  description: 'a test task',
  optionsSchema: z.strictObject({ dimension: z.number().int().default(3) }),
  create: (seed, o) => ({
    id: 'my-task',
    seed,
    description: 'x',
    kind: 'objective',
    dimension: o.dimension,
    metric: 'objective',
    optimum: 0,
    evaluate: () => 0,
  }),
});

async function failure(p: Promise<unknown>): Promise<PluginError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PluginError);
  return e as PluginError;
}

describe('pluginCatalog: the exports of a plugin module', () => {
  it('turns trainers and tasks definitions into catalog entries that parse their config (defaults filled in)', async () => {
    const c = await pluginCatalog('p', { trainers: [okTrainer], tasks: [okTask] });
    expect([...c.trainers.keys()]).toEqual(['mine']);
    expect(c.trainers.get('mine')?.create({}).id).toBe('mine@0.5');
    expect(c.trainers.get('mine')?.create({ rate: 2 }).id).toBe('mine@2');
    expect(() => c.trainers.get('mine')?.create({ rat: 2 })).toThrow(/rat/);
    const task = await c.tasks.get('my-task')?.create(4, {});
    expect(task).toMatchObject({ seed: 4, dimension: 3 });
    await expect(async () => c.tasks.get('my-task')?.create(4, { dimensions: 2 })).rejects.toThrow(/dimensions/);
  });

  it('names the plugin, the export and what was expected when there are no definitions', async () => {
    const e = await failure(pluginCatalog('./empty.ts', { helper: 1, default: {} }));
    expect(e.message).toBe(
      "plugin './empty.ts': exports: expected 'trainers' and/or 'tasks' (arrays of definitions), or createCatalog(), got exports helper, default",
    );
  });

  it('rejects a trainers export that is not an array', async () => {
    const e = await failure(pluginCatalog('p', { trainers: okTrainer }));
    expect(e.message).toMatch(
      /^plugin 'p': export 'trainers': expected an array of trainer definitions, got an object with keys id, description/,
    );
  });

  it.each([
    ['id', { ...okTrainer, id: '' }, /trainers\[0\]\.id: expected a non-empty string, got a string \(""\)/],
    [
      'description',
      { ...okTrainer, description: 3 },
      /trainers\[0\] \('mine'\)\.description: expected a non-empty string, got a number \(3\)/,
    ],
    [
      'configSchema',
      { ...okTrainer, configSchema: { rate: 1 } },
      /trainers\[0\] \('mine'\)\.configSchema: expected a zod schema .*, got an object with keys rate/,
    ],
    [
      'create',
      { ...okTrainer, create: undefined },
      /trainers\[0\] \('mine'\)\.create: expected a function create\(config\) returning a Trainer, got undefined/,
    ],
  ])('rejects a trainer definition with a bad %s, naming it', async (_, def, message) => {
    expect((await failure(pluginCatalog('p', { trainers: [def] }))).message).toMatch(message);
  });

  it('rejects a task definition with a bad kind, and a trainer create() that returns no Trainer', async () => {
    const e = await failure(pluginCatalog('p', { tasks: [{ ...okTask, kind: 'regression' }] }));
    expect(e.message).toMatch(
      /tasks\[0\] \('my-task'\)\.kind: expected one of supervised, control, objective, got a string \("regression"\)/,
    );
    const c = await pluginCatalog('p', { trainers: [{ ...okTrainer, create: () => ({ id: 'x' }) }] });
    expect(() => c.trainers.get('mine')?.create({})).toThrow(
      /trainer 'mine' create\(\): expected a Trainer \(an object with fit\(request\)\), got an object with keys id/,
    );
  });

  it('rejects an id twice within one plugin', async () => {
    expect((await failure(pluginCatalog('p', { trainers: [okTrainer, okTrainer] }))).message).toMatch(
      /trainers\[1\] \('mine'\)\.id: expected ids unique within 'trainers', got 'mine' twice/,
    );
  });

  it('reads a CommonJS plugin from its default export', async () => {
    const c = await pluginCatalog('p', { default: { trainers: [okTrainer] } });
    expect([...c.trainers.keys()]).toEqual(['mine']);
  });

  it('still accepts the createCatalog() form, and checks what it returns', async () => {
    const c = await pluginCatalog('p', {
      createCatalog: () =>
        catalogOf([{ id: 'a', description: 'a', create: () => ({ id: 'a', fit: () => Promise.reject(new Error()) }) }], []),
    });
    expect([...c.trainers.keys()]).toEqual(['a']);
    expect((await failure(pluginCatalog('p', { createCatalog: () => ({ trainers: [] }) }))).message).toMatch(
      /createCatalog\(\): expected a Catalog/,
    );
  });
});

describe('mergeStrict / loadPlugins: id clashes', () => {
  it('fails on a trainer id registered by the built-ins, naming the plugin and both owners', async () => {
    const builtIn = { source: 'built-in', catalog: await pluginCatalog('b', { trainers: [okTrainer] }) };
    const plugin = { source: "plugin './mine.ts'", catalog: await pluginCatalog('./mine.ts', { trainers: [okTrainer] }) };
    expect(() => mergeStrict([builtIn, plugin])).toThrow(
      "plugin './mine.ts': trainer id 'mine': expected an id not registered already (rename it in the plugin), got a clash with the built-in trainer 'mine'",
    );
  });

  it('fails on a task id given by two plugins', async () => {
    const a = { source: "plugin 'a'", catalog: await pluginCatalog('a', { tasks: [okTask] }) };
    const b = { source: "plugin 'b'", catalog: await pluginCatalog('b', { tasks: [okTask] }) };
    expect(() => mergeStrict([a, b])).toThrow(/^plugin 'b': task id 'my-task': .* got a clash with the plugin 'a' task 'my-task'$/);
  });

  it("fails when a plugin file redefines the built-in 'adam'", async () => {
    const e = await failure(loadCatalog([fixture('clashing.ts')]));
    expect(e.message).toMatch(/clashing\.ts': trainer id 'adam': .* got a clash with the built-in trainer 'adam'/);
  });
});

describe('loadPlugin: finding and importing the module', () => {
  it('loads the example trainer and task by path', async () => {
    const merged = await loadPlugins([], [customTrainer, customTask]);
    expect([...merged.trainers.keys()]).toEqual(['one-fifth-es']);
    expect([...merged.tasks.keys()]).toEqual(['noisy-checkerboard']);
  });

  it('resolves relative paths against the given directory', async () => {
    const c = await loadPlugin('./custom-trainer/src/index.ts', examples);
    expect(c.trainers.has('one-fifth-es')).toBe(true);
  });

  it('loads a package by name from node_modules of the working directory (exports map)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evoprop-plugin-'));
    const pkg = join(dir, 'node_modules', '@acme', 'trainers');
    mkdirSync(join(pkg, 'lib'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@acme/trainers', type: 'module', exports: { '.': { import: './lib/index.js' } } }),
    );
    // Plain JavaScript with a duck-typed schema: a published plugin needs neither TypeScript nor the same zod copy.
    const schema = '{ safeParse: (v) => ({ success: true, data: { ...v } }) }';
    const trainer = `{ id: 'acme', description: 'from a package', configSchema: ${schema}, create: () => ({ id: 'acme', fit: async () => null }) }`;
    writeFileSync(join(pkg, 'lib', 'index.js'), `export const trainers = [${trainer}];\n`);
    const c = await loadPlugin('@acme/trainers', join(dir, 'sub'));
    expect(c.trainers.get('acme')?.create({}).id).toBe('acme');
  });

  it('fails clearly for a missing path, a missing package and a module that throws on import', async () => {
    expect((await failure(loadPlugin('./nope.ts', examples))).message).toMatch(
      /^plugin '.\/nope.ts': path: expected an existing file, got nothing at .*nope\.ts$/,
    );
    expect((await failure(loadPlugin('@acme/not-installed', tmpdir()))).message).toMatch(
      /^plugin '@acme\/not-installed': package: expected a package installed in node_modules/,
    );
    expect((await failure(loadPlugin(fixture('throws-on-import.ts')))).message).toMatch(
      /import of file:.*throws-on-import\.ts: expected a module that loads, got Error: boom at import/,
    );
    expect((await failure(loadPlugin(fixture('no-definitions.ts')))).message).toMatch(/got exports (default, helper|helper, default)/);
  });
});
