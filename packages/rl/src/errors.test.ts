import { ConfigError } from '@evoprop/core';
import { xorTask } from '@evoprop/core/testing';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { ppoTrainer, reinforceTrainer } from './definitions.js';
import { PpoTrainer } from './ppo/ppo-trainer.js';
import { ReinforceTrainer } from './reinforce/reinforce-trainer.js';
import { RlError } from './errors.js';
import { shortCartPole } from './testing-fixtures/tasks.js';

describe('bad input fails fast, naming what was expected', () => {
  it.each([
    ['ppo', () => new PpoTrainer()],
    ['reinforce', () => new ReinforceTrainer()],
  ])('%s refuses a supervised task', async (id, make) => {
    await expect(make().fit({ task: xorTask(), rng: Rng.fromSeed(1), budget: { evaluations: 10 } })).rejects.toThrow(
      new RlError(`${id}.fit`, 'a control task (policy gradients learn from episode rewards)', "supervised task 'xor-reference'"),
    );
  });

  it('gSDE on discrete actions is refused, naming why', async () => {
    await expect(
      new PpoTrainer({ useSde: true }).fit({ task: shortCartPole(), rng: Rng.fromSeed(1), budget: { evaluations: 10 } }),
    ).rejects.toThrow(/useSde: expected a task with continuous actions \(gSDE perturbs Gaussian actions\), got discrete actions/);
  });

  it('unknown and bad config keys are named, with the closest valid key', () => {
    expect(() => new PpoTrainer({ clipRnage: 0.1 })).toThrow(ConfigError);
    expect(() => new PpoTrainer({ clipRnage: 0.1 })).toThrow(/clipRange/);
    expect(() => new ReinforceTrainer({ gamma: 2 })).toThrow(/reinforce config\.gamma/);
  });

  it('a checkpoint of another seed or trainer is refused', async () => {
    const saved: unknown[] = [];
    const task = shortCartPole();
    const small = { envs: 2, steps: 8, batchSize: 16, epochs: 1, hidden: [4], evaluationEpisodes: 1 };
    await new PpoTrainer(small).fit({
      task,
      rng: Rng.fromSeed(1),
      budget: { evaluations: 64 },
      checkpoint: { every: 1, save: (c) => saved.push(c) },
    });
    const cp = saved[0] as Parameters<PpoTrainer['fit']>[0]['resume'];
    await expect(new PpoTrainer(small).fit({ task, rng: Rng.fromSeed(2), budget: { evaluations: 64 }, resume: cp })).rejects.toThrow(
      /the run's rng seed '1', got '2'/,
    );
  });

  it('registers ppo and reinforce with their config schemas', () => {
    expect(ppoTrainer.id).toBe('ppo');
    expect(reinforceTrainer.configSchema.parse({}).episodes).toBe(8);
    expect(ppoTrainer.configSchema.parse({}).steps).toBe(32);
  });
});
