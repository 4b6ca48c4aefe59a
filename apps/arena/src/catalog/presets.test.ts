import type { BackpropTrainer } from '@evoprop/backprop';
import { describe, expect, it } from 'vitest';
import { createDefaultCatalog } from './default-catalog.js';

// Issue 20: the catalog handed the raw overrides to the backprop presets, which re-parsed them
// with the base backprop defaults: `adam` with any override trained full-batch instead of in
// mini-batches of 32, and a bare `sgd` trained with Adam.
const catalog = await createDefaultCatalog();
function configOf(id: string, overrides: Record<string, unknown>) {
  const entry = catalog.trainers.get(id);
  if (entry === undefined) throw new Error(`no trainer '${id}' in the catalog`);
  return (entry.create(overrides) as BackpropTrainer).config;
}

describe('backprop presets in the arena catalog keep their own defaults', () => {
  it('adam with overrides still trains in mini-batches of 32', () => {
    const c = configOf('adam', { hidden: [4], optimizer: { name: 'adam', learningRate: 0.01 } });
    expect(c.batchSize).toBe(32);
    expect(c.optimizer).toMatchObject({ name: 'adam', learningRate: 0.01 });
    expect(c.hidden).toEqual([4]);
  });

  it('a bare sgd is SGD with lr 0.05 and mini-batches of 32', () => {
    const c = configOf('sgd', {});
    expect(c.optimizer).toMatchObject({ name: 'sgd', learningRate: 0.05 });
    expect(c.batchSize).toBe(32);
  });

  it('an override of the batch size wins over the preset', () => {
    expect(configOf('sgd', { batchSize: null }).batchSize).toBeNull();
    expect(configOf('adam', { batchSize: 8 }).batchSize).toBe(8);
  });
});
