import { createRegistry, createTrainer } from '@evoprop/core/registry';
import { xorTask } from '@evoprop/core/testing';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import type { BackpropTrainer } from './backprop-trainer.js';
import { backpropTrainers } from './definition.js';

const registry = createRegistry([...backpropTrainers], { what: 'trainer' });

describe('trainer definitions', () => {
  it('registers backprop and the adam / sgd presets with their own defaults', () => {
    expect(registry.ids).toEqual(['backprop', 'adam', 'sgd']);
    const sgd = createTrainer(registry, 'sgd') as BackpropTrainer;
    expect(sgd.id).toBe('sgd');
    expect(sgd.config.optimizer).toMatchObject({ name: 'sgd', learningRate: 0.05 });
    expect(sgd.config.batchSize).toBe(32);
    const adam = createTrainer(registry, 'adam', { optimizer: { name: 'adam', learningRate: 0.01 } }) as BackpropTrainer;
    expect(adam.config.optimizer).toMatchObject({ name: 'adam', learningRate: 0.01, b1: 0.9 });
    expect((createTrainer(registry, 'backprop') as BackpropTrainer).config.batchSize).toBeNull();
  });

  it('rejects unknown keys and bad values through the registry, naming them', () => {
    expect(() => createTrainer(registry, 'adam', { learningRate: 0.1 })).toThrow(/learningRate/);
    expect(() => createTrainer(registry, 'backprop', { batchSize: -1 })).toThrow(/batchSize/);
    expect(() => createTrainer(registry, 'adma')).toThrow(/one of backprop, adam, sgd, got 'adma'/);
  });

  it('a registered trainer trains', async () => {
    const t = createTrainer(registry, 'adam', { optimizer: { name: 'adam', learningRate: 0.05 }, hidden: [8] });
    const r = await t.fit({ task: xorTask(1), rng: Rng.fromSeed(1), budget: { epochs: 300, target: { metric: 'accuracy', value: 1 } } });
    expect(r.status).toBe('reached-target');
  });
});
