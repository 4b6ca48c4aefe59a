import { BackpropTrainer } from '@evoprop/backprop';
import type { Budget, Cost, FitResult, Task, Trainer } from '@evoprop/core';
import { EvolutionTrainer } from '@evoprop/evolution';
import { NeatTrainer } from '@evoprop/evolution/neat';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';

/** Everything of a cost but wall time, which no two runs share. */
const countable = ({ wallSeconds: _, ...rest }: Cost) => rest;

/** A run's reproducible outcome: status, cost, history (without wall time), weights' bytes and final metrics. */
function fingerprint(r: FitResult) {
  return {
    status: r.status,
    reason: r.reason,
    cost: countable(r.cost),
    history: r.history.map((e) => ({ ...e, cost: countable(e.cost) })),
    params: Buffer.from(r.model.params.vector.buffer, r.model.params.vector.byteOffset, r.model.params.vector.byteLength).toString(
      'base64',
    ),
    metrics: r.metrics,
  };
}

type Fit = Readonly<{ name: string; trainer: () => Trainer; task: () => Task; budget: Budget; seed: number }>;

// Three kinds of trainer, each charged in the currency that stops it: a FLOP cap is the one
// another fit's kernels would eat into.
const fits: readonly Fit[] = [
  {
    name: 'cma-es on spirals (FLOP cap)',
    trainer: () => new EvolutionTrainer({ strategy: 'cmaEs', strategyConfig: { populationSize: 8 }, model: { hidden: [6] } }),
    task: () => createSupervisedTask('spirals', 1, { samples: 60 }),
    budget: { flops: 3e6 },
    seed: 3,
  },
  {
    name: 'adam on circles',
    trainer: () => new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.02 }, batchSize: 8, hidden: [8] }),
    task: () => createSupervisedTask('circles', 2, { samples: 200 }),
    budget: { epochs: 30 },
    seed: 4,
  },
  {
    name: 'neat on xor',
    trainer: () => new NeatTrainer({ neat: { populationSize: 50 } }),
    task: () => createSupervisedTask('xor', 0),
    budget: { generations: 12 },
    seed: 5,
  },
];

const run = (f: Fit) => f.trainer().fit({ task: f.task(), rng: Rng.fromSeed(f.seed), budget: f.budget });

describe('concurrent fits in one thread', () => {
  it('charge each fit exactly its solo cost and give its solo result', async () => {
    const solo: FitResult[] = [];
    for (const f of fits) solo.push(await run(f));
    const together = await Promise.all(fits.map(run));
    // Costs first: the short diff that names who was charged for whom.
    expect(together.map((r) => countable(r.cost))).toEqual(solo.map((r) => countable(r.cost)));
    for (const [i, f] of fits.entries()) {
      const alone = solo[i] as FitResult;
      expect(alone.cost.flops, f.name).toBeGreaterThan(0);
      expect(alone.history.length, f.name).toBeGreaterThan(2);
      expect(fingerprint(together[i] as FitResult), f.name).toEqual(fingerprint(alone));
    }
  }, 60_000);
});
