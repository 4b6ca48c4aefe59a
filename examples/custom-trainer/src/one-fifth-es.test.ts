import { Rng } from '@evoprop/tensor';
import { ConfigError } from '@evoprop/core';
import { createRegistry, createTrainer } from '@evoprop/core/registry';
import { sphereTask, xorTask } from '@evoprop/core/testing';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { describe, expect, it } from 'vitest';
import { oneFifthEs } from './one-fifth-es.js';

const make = (config: unknown = {}) => createTrainer(createRegistry([oneFifthEs], { what: 'trainer' }), 'one-fifth-es', config);

describeTrainerConformance('one-fifth-es', () => make({ hidden: [4] }), {
  budgets: ['evaluations', 'generations', 'flops', 'wallSeconds', 'target'],
});

describe('one-fifth-es', () => {
  it('rejects unknown config keys, naming them', () => {
    expect(() => make({ sigam: 1 })).toThrow(ConfigError);
    expect(() => make({ sigam: 1 })).toThrow(/sigam/);
  });

  it('solves a 10-D sphere to 1e-6 (only possible if σ shrinks by orders of magnitude)', async () => {
    const task = { ...sphereTask(10, 0), initialPoint: new Float64Array(10).fill(1) };
    const r = await make({ sigma: 0.5 }).fit({ task, rng: Rng.fromSeed(1), budget: { generations: 3000 } });
    expect(r.metrics.objective).toBeLessThan(1e-6);
    const sigmas = r.history.map((e) => e.metrics.sigma as number);
    expect(sigmas[sigmas.length - 1]).toBeLessThan(1e-2);
  });

  it('learns XOR to accuracy 1', async () => {
    const r = await make({ hidden: [4] }).fit({
      task: xorTask(0),
      rng: Rng.fromSeed(3),
      budget: { generations: 2000, target: { metric: 'accuracy', value: 1 } },
    });
    expect(r.status).toBe('reached-target');
    expect(r.metrics.accuracy).toBe(1);
  });
});
