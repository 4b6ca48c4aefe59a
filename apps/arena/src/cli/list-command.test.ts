import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDefaultCatalog } from '../catalog/default-catalog.js';
import { main } from './main.js';

type Listed = {
  id: string;
  options: { name: string; type: string; default?: unknown; range?: string; unit?: string; description?: string }[];
}[];

async function listTrainers(): Promise<Listed> {
  let out = '';
  const code = await main(['list', 'trainers', '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
  expect(code).toBe(0);
  return JSON.parse(out) as Listed;
}

describe('list trainers --json', () => {
  it("lists an evolution trainer's strategy options key by key, with defaults and ranges", async () => {
    const trainers = await listTrainers();
    const es = trainers.find((t) => t.id === 'openai-es')?.options ?? [];
    expect(es.map((o) => o.name)).not.toContain('strategyConfig');
    expect(es).toContainEqual({ name: 'strategyConfig.populationSize', type: 'integer', default: 50, range: '[2, ∞)', unit: 'candidates' });
    expect(es).toContainEqual({ name: 'strategyConfig.optimizer.name', type: expect.stringContaining('"adam"'), default: 'adam' });
    expect(es).toContainEqual(expect.objectContaining({ name: 'fitnessBatchSize', type: 'integer', range: '(0, ∞)', unit: 'samples' }));
    const cma = trainers.find((t) => t.id === 'cma-es')?.options ?? [];
    expect(cma.map((o) => o.name)).toEqual(
      expect.arrayContaining(['strategyConfig.sigma', 'strategyConfig.populationSize', 'model.hidden']),
    );
  });

  it('gives counts, sizes and step sizes their unit (samples, gradient steps, generations, weight units, ...)', async () => {
    const unitOf = (trainer: string, name: string) => trainers.find((t) => t.id === trainer)?.options.find((o) => o.name === name)?.unit;
    const trainers = await listTrainers();
    expect(unitOf('adam', 'batchSize')).toBe('samples'); // integer | null: the unit of its number
    expect(unitOf('adam', 'validateEvery')).toBe('epochs');
    expect(unitOf('adam', 'schedule.warmupSteps')).toBe('gradient steps');
    expect(unitOf('cma-es', 'validateEvery')).toBe('generations');
    expect(unitOf('cma-es', 'strategyConfig.sigma')).toBe('weight units');
    expect(unitOf('cma-es', 'strategyConfig.stop.evaluations')).toBe('evaluations');
    expect(unitOf('memetic', 'refinement.steps')).toBe('gradient steps');
    expect(unitOf('ppo', 'validateEvery')).toBe('updates');
  });

  it('lists every variant key of a tagged union (the optimizer), saying which variants take it', async () => {
    const adam = (await listTrainers()).find((t) => t.id === 'adam')?.options ?? [];
    expect(adam).toContainEqual(expect.objectContaining({ name: 'optimizer.learningRate', default: 0.001, range: '(0, ∞)' }));
    expect(adam).toContainEqual(expect.objectContaining({ name: 'optimizer.decay', description: 'for name rmsprop' }));
    expect(adam).toContainEqual(expect.objectContaining({ name: 'schedule.warmupSteps', description: 'for type cosine' }));
  });

  it('leaves no nested object of a built-in fixed-topology trainer as a bare `object`', async () => {
    const bare = (await listTrainers())
      .filter((t) => !['neat', 'neat-backprop', 'memetic'].includes(t.id))
      .flatMap((t) => t.options.filter((o) => /\bobject\b/.test(o.type)).map((o) => `${t.id} ${o.name}`));
    expect(bare).toEqual([]);
  });
});

/** Every dotted leaf key of a JSON Schema: plain nested objects and every member of a union are walked. */
function leafKeys(json: Record<string, unknown>, prefix: string): string[] {
  const props = (json.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(props).flatMap(([key, p]) => {
    const name = `${prefix}${key}`;
    const members = [p, ...(((p.anyOf ?? p.oneOf) as Record<string, unknown>[] | undefined) ?? [])];
    const inner = members.flatMap((m) => (typeof m.properties === 'object' ? leafKeys(m, `${name}.`) : []));
    return inner.length > 0 ? inner : [name];
  });
}

describe('list trainers --json, nested options', () => {
  it('lists every nested key of every built-in trainer (NEAT, NEAT + backprop, memetic included), none as a bare object', async () => {
    const listed = await listTrainers();
    const catalog = await createDefaultCatalog();
    const missing: string[] = [];
    for (const t of catalog.trainers.values()) {
      const names = new Set(listed.find((l) => l.id === t.id)?.options.map((o) => o.name));
      const top = z.toJSONSchema(t.configSchema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      const nested = Object.entries(t.nestedSchemas ?? {}).flatMap(([key, s]) =>
        leafKeys(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, `${key}.`),
      );
      const free = new Set(Object.keys(t.nestedSchemas ?? {}));
      const keys = [...leafKeys(top, '').filter((k) => !free.has(k)), ...nested];
      missing.push(...keys.filter((k) => !names.has(k)).map((k) => `${t.id} ${k}`));
      const bare = listed.find((l) => l.id === t.id)?.options.filter((o) => o.type === 'object') ?? [];
      missing.push(...bare.map((o) => `${t.id} ${o.name}: object`));
    }
    expect(missing).toEqual([]);
    const neat = listed.find((t) => t.id === 'neat')?.options ?? [];
    expect(neat).toContainEqual(expect.objectContaining({ name: 'neat.compatibility.threshold', type: 'number', default: 3 }));
    const memetic = listed.find((t) => t.id === 'memetic')?.options ?? [];
    expect(memetic).toContainEqual(expect.objectContaining({ name: 'strategyConfig.populationSize', default: 3 }));
  });
});

describe('list tasks and trainers --json: units and ranges', () => {
  it('gives every numeric option of every built-in task and trainer (nested keys included) a unit and a range', async () => {
    let out = '';
    const code = await main(['list', '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
    expect(code).toBe(0);
    const { tasks, trainers } = JSON.parse(out) as { tasks: Listed; trainers: Listed };
    const numeric = [...tasks, ...trainers].flatMap((t) =>
      t.options.filter((o) => /\b(number|integer)\b/.test(o.type)).map((o) => ({ ...o, owner: t.id })),
    );
    expect(numeric.length).toBeGreaterThan(500);
    const lacking = numeric.filter((o) => o.unit === undefined || o.range === undefined).map((o) => `${o.owner} ${o.name}`);
    expect(lacking).toEqual([]);
    const option = (owner: string, name: string) => numeric.find((o) => o.owner === owner && o.name === name);
    expect(option('neat', 'neat.mutation.addNodeProbability')).toMatchObject({ range: '[0, 1]', unit: 'probability per offspring' });
    expect(option('neat', 'neat.compatibility.targetSpecies')).toMatchObject({ range: '(0, ∞)', unit: 'species' }); // integer | null
    expect(option('cma-es', 'model.hidden')).toMatchObject({ range: '(0, ∞)', unit: 'neurons' }); // a list of numbers
    expect(option('cma-es', 'strategyConfig.stop.targetFitness')).toMatchObject({ range: '(−∞, ∞)', unit: 'fitness units' });
    expect(option('pbt', 'search.l2')).toMatchObject({ range: '[0, 1]', unit: 'coefficient' }); // number | { min, max }
    expect(option('mnist', 'trainSize')).toMatchObject({ range: '[1, 60000]', unit: 'images' });
    expect(option('file', 'validation')).toMatchObject({ range: '[0, 0.9]', unit: 'fraction of rows' });
    expect(option('adam', 'optimizer.weightDecay')).toMatchObject({ unit: 'coefficient', description: 'for name adamw, lion, adabelief' });
  });
});
