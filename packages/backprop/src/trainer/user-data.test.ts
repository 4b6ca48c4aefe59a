// Training on a user's own arrays (issue #22): each example below, between its `user code`
// markers, is what a user writes, and must stay within 8 lines.
import { readFileSync } from 'node:fs';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';

// The user's data: plain arrays (points in two interleaved rings; a noisy plane).
const data = Rng.fromSeed(42);
const points = Array.from({ length: 300 }, () => [data.uniform(-1, 1), data.uniform(-1, 1)] as number[]);
const rings = points.map(([a = 0, b = 0]) => (Math.hypot(a, b) < 0.6 ? 'inner' : 'outer'));
const houses = Array.from({ length: 200 }, () => [data.uniform(0, 4), data.uniform(0, 4), data.uniform(0, 4)]);
const prices = houses.map(([a = 0, b = 0, c = 0]) => 3 * a - 2 * b + 0.5 * c + 1 + 0.05 * data.normal());

describe('training on plain arrays', () => {
  it('trains a classifier', async () => {
    // user code: classifier
    const { fromArrays } = await import('@evoprop/tasks');
    const { BackpropTrainer } = await import('@evoprop/backprop');
    const task = fromArrays(points, rings, { standardise: true });
    const adam = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.03 }, batchSize: 32 });
    const result = await adam.fit({ task, rng: Rng.fromSeed(0), budget: { epochs: 150 } });
    // end user code
    expect(task.classNames).toEqual(['inner', 'outer']);
    expect(result.status).not.toBe('diverged');
    expect(result.metrics.accuracy).toBeGreaterThan(0.93);
  });

  it('trains a regressor', async () => {
    // user code: regressor
    const { fromArrays } = await import('@evoprop/tasks');
    const { BackpropTrainer } = await import('@evoprop/backprop');
    const task = fromArrays(houses, prices, { problem: 'regression', standardise: true });
    const adam = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.01 }, hidden: [16] });
    const result = await adam.fit({ task, rng: Rng.fromSeed(0), budget: { epochs: 400 } });
    // end user code
    expect(result.metrics.r2).toBeGreaterThan(0.99);
  });

  it('keeps each example within 8 lines', () => {
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const blocks = [...source.matchAll(/\/\/ user code: (\w+)\n([\s\S]*?)\/\/ end user code/g)];
    expect(blocks.map((m) => m[1])).toEqual(['classifier', 'regressor']);
    for (const m of blocks) expect((m[2] as string).trim().split('\n').length).toBeLessThanOrEqual(8);
  });
});
