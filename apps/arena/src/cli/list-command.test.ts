import { describe, expect, it } from 'vitest';
import { main } from './main.js';

type Listed = { id: string; options: { name: string; type: string; default?: unknown; range?: string; description?: string }[] }[];

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
    expect(es).toContainEqual({ name: 'strategyConfig.populationSize', type: 'integer', default: 50, range: '[2, ∞)' });
    expect(es).toContainEqual({ name: 'strategyConfig.optimizer.name', type: expect.stringContaining('"adam"'), default: 'adam' });
    expect(es).toContainEqual(expect.objectContaining({ name: 'fitness.batchSize', type: 'integer', range: '(0, ∞)' }));
    const cma = trainers.find((t) => t.id === 'cma-es')?.options ?? [];
    expect(cma.map((o) => o.name)).toEqual(
      expect.arrayContaining(['strategyConfig.sigma', 'strategyConfig.populationSize', 'model.hidden']),
    );
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
