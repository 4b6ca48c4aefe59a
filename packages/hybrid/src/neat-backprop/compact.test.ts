import { CostMeter } from '@evoprop/core';
import { xorTask } from '@evoprop/core/testing';
import { type Genome, NeatModel, enabledCount, interfaceNodes } from '@evoprop/evolution/neat';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { refinementSchema } from '../shared/optimizer.js';
import { compactOnce, floorOf, polishOnce, trainingMetrics } from './compact.js';
import { NeatBackpropTrainer } from './neat-backprop-trainer.js';

const plan = { slope: 4.9, recurrent: false, activationSteps: 1, biasInput: 1 };
const refinement = refinementSchema.parse({ optimizer: { name: 'adam', learningRate: 0.05 }, clipNorm: 10 });

// A hand-made XOR solver for the two-class task: output 4 (class 1) is high for exactly one bit set
// (hidden 5 = OR, hidden 6 = AND), output 3 (class 0) sits at σ(4.9 · 0.05); plus one useless
// connection of weight 0.001.
function xorSolver(): Genome {
  return {
    inputs: 2,
    outputs: 2,
    nodes: [...interfaceNodes(2, 2), { id: 5, kind: 'hidden' }, { id: 6, kind: 'hidden' }],
    connections: [
      { innovation: 0, from: 0, to: 5, weight: 2, enabled: true },
      { innovation: 1, from: 1, to: 5, weight: 2, enabled: true },
      { innovation: 2, from: 2, to: 5, weight: -1, enabled: true },
      { innovation: 3, from: 0, to: 6, weight: 2, enabled: true },
      { innovation: 4, from: 1, to: 6, weight: 2, enabled: true },
      { innovation: 5, from: 2, to: 6, weight: -3, enabled: true },
      { innovation: 6, from: 5, to: 4, weight: 3, enabled: true },
      { innovation: 7, from: 6, to: 4, weight: -6, enabled: true },
      { innovation: 8, from: 2, to: 4, weight: -1, enabled: true },
      { innovation: 9, from: 2, to: 3, weight: 0.05, enabled: true },
      { innovation: 10, from: 0, to: 4, weight: 0.001, enabled: true },
    ],
  };
}

describe('compactOnce', () => {
  const task = xorTask();
  const common = { plan, task, refinement, steps: 20, trials: 3, weightLimit: 8, rng: Rng.fromSeed(1) };

  it('removes the smallest connection when the network keeps its training accuracy, and charges the retraining', () => {
    const g = xorSolver();
    const meter = new CostMeter();
    const start = trainingMetrics(new NeatModel(g, plan), task, meter);
    expect(start.accuracy).toBe(1);
    const r = compactOnce({ ...common, genome: g, floor: floorOf(start, 0), meter });
    expect(r).not.toBeNull();
    expect(enabledCount(r?.genome as Genome)).toBe(10);
    expect(r?.genome.connections.find((c) => c.innovation === 10)?.enabled).toBe(false);
    expect(r?.metrics.accuracy).toBe(1);
    expect(meter.cost().gradientSteps).toBe(20);
    expect(enabledCount(g)).toBe(11); // the input genome is not modified
  });

  it('returns null when no tried removal keeps the floor, after charging every trial', () => {
    const meter = new CostMeter();
    const r = compactOnce({ ...common, genome: xorSolver(), floor: { accuracy: 1.01 }, meter });
    expect(r).toBeNull();
    expect(meter.cost().gradientSteps).toBe(60);
  });

  it('is deterministic for a seed', () => {
    const run = () => JSON.stringify(compactOnce({ ...common, genome: xorSolver(), floor: { accuracy: 0.75 }, meter: new CostMeter() }));
    expect(run()).toBe(run());
  });

  it('polishOnce lowers the training loss without removing anything, and refuses a result that does not', () => {
    const g = xorSolver();
    const start = trainingMetrics(new NeatModel(g, plan), task, new CostMeter());
    const r = polishOnce({ ...common, genome: g, floor: floorOf(start, 0), meter: new CostMeter() }, start.loss as number);
    expect(r?.metrics.loss as number).toBeLessThan(start.loss as number);
    expect(enabledCount(r?.genome as Genome)).toBe(11);
    expect(polishOnce({ ...common, genome: g, floor: floorOf(start, 0), meter: new CostMeter() }, 0)).toBeNull();
  });

  it('floorOf: accuracy minus the tolerance, or the loss scaled up by it for regression', () => {
    expect(floorOf({ loss: 0.2, accuracy: 0.9 }, 0.05).accuracy).toBeCloseTo(0.85);
    expect(floorOf({ loss: 0.2 }, 0.5).loss).toBeCloseTo(0.3);
  });
});

describe('NEAT + backprop compaction', () => {
  const run = (compaction: { startGeneration: number; steps?: number; trials?: number } | null, generations = 12) =>
    new NeatBackpropTrainer({
      neat: { populationSize: 20, mutation: { addNodeProbability: 0.5, addConnectionProbability: 0.8 } },
      refinement: { steps: 10, optimizer: { name: 'adam', learningRate: 0.1 } },
      compaction,
    }).fit({ task: xorTask(), rng: Rng.fromSeed(3), budget: { generations } });

  it('shrinks the best network after NEAT without losing training accuracy', async () => {
    const neatOnly = await run(null, 8);
    const compacted = await run({ startGeneration: 8, steps: 30, trials: 10 });
    const before = neatOnly.extras?.connections as number;
    const removed = compacted.extras?.compactionRemoved as number;
    expect(removed).toBeGreaterThan(0);
    expect(compacted.extras?.connections as number).toBeLessThanOrEqual(before - removed);
    const g = compacted.extras?.genome as Genome;
    const beforeAccuracy = trainingMetrics(
      new NeatModel(neatOnly.extras?.genome as Genome, { ...plan, slope: 4.9 }),
      xorTask(),
      new CostMeter(),
    );
    const after = trainingMetrics(new NeatModel(g, { ...plan, slope: 4.9 }), xorTask(), new CostMeter());
    expect(after.accuracy as number).toBeGreaterThanOrEqual(beforeAccuracy.accuracy as number);
    // Compaction steps are charged gradient steps beyond NEAT's.
    expect(compacted.cost.gradientSteps).toBeGreaterThan(neatOnly.cost.gradientSteps);
  });

  it('rejects unknown and invalid compaction keys', () => {
    expect(() => new NeatBackpropTrainer({ compaction: { startGeneration: 1, steps: 0 } })).toThrow(/steps/);
    expect(() => new NeatBackpropTrainer({ compaction: { startGeneration: 1, trails: 3 } as never })).toThrow(/trails/);
  });
});
