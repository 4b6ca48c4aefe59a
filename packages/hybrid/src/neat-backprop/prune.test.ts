import { type Genome, NeatModel, compileNetworkPlan, enabledCount, interfaceNodes } from '@evoprop/evolution/neat';
import { xorTask } from '@evoprop/core/testing';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { NeatBackpropTrainer } from './neat-backprop-trainer.js';
import { activeHiddenCount, pruneGenome } from './prune.js';

// 2 inputs (0, 1), bias 2, output 3, hidden 4 and 5; hidden 5 feeds nothing (a dead end).
function genome(): Genome {
  return {
    inputs: 2,
    outputs: 1,
    nodes: [...interfaceNodes(2, 1), { id: 4, kind: 'hidden' }, { id: 5, kind: 'hidden' }],
    connections: [
      { innovation: 0, from: 0, to: 3, weight: 0.01, enabled: true },
      { innovation: 1, from: 1, to: 3, weight: -2, enabled: true },
      { innovation: 2, from: 0, to: 4, weight: 1.5, enabled: true },
      { innovation: 3, from: 4, to: 3, weight: -0.05, enabled: true },
      { innovation: 4, from: 1, to: 5, weight: 3, enabled: true },
      { innovation: 5, from: 2, to: 3, weight: 0.5, enabled: false },
    ],
  };
}
const plan = { slope: 1, recurrent: false, activationSteps: 1 };

describe('pruneGenome', () => {
  it('disables small weights, then the connections left leading to no output', () => {
    const g = genome();
    expect(pruneGenome(g, 0.1)).toBe(4);
    expect(g.connections.filter((c) => c.enabled).map((c) => c.innovation)).toEqual([1]);
  });

  it('activeHiddenCount counts only hidden nodes that still feed an enabled connection', () => {
    const g = genome();
    expect(activeHiddenCount(g)).toBe(1); // 5 feeds nothing
    pruneGenome(g, 0.1); // 4 → 3 goes (|w| 0.05)
    expect(activeHiddenCount(g)).toBe(0);
  });

  it('threshold 0 only removes dead ends, which leaves the outputs unchanged', () => {
    const g = genome();
    const x = new Tensor(Float32Array.from([0.3, -1, 2, 0.5, -4, 4]), [3, 2]);
    const before = noGrad(() => new NeatModel(g, plan).forward(x).data.slice());
    expect(pruneGenome(g, 0)).toBe(1);
    expect(enabledCount(g)).toBe(4);
    expect(noGrad(() => new NeatModel(g, plan).forward(x).data.slice())).toEqual(before);
    expect(() => compileNetworkPlan(g, plan)).not.toThrow();
  });
});

describe('NEAT + backprop parsimony and pruning', () => {
  const run = (config: ConstructorParameters<typeof NeatBackpropTrainer>[0]) =>
    new NeatBackpropTrainer({
      neat: { populationSize: 20, mutation: { addNodeProbability: 0.5, addConnectionProbability: 0.8 } },
      refinement: { steps: 10, optimizer: { name: 'adam', learningRate: 0.1 } },
      ...config,
    }).fit({ task: xorTask(), rng: Rng.fromSeed(3), budget: { generations: 10 } });

  it('parsimony pressure and pruning return smaller networks than plain selection', async () => {
    const plain = await run({});
    const lean = await run({ parsimony: 0.01, pruneBelow: 0.2 });
    expect(lean.extras?.connections as number).toBeLessThan(plain.extras?.connections as number);
    const g = lean.extras?.genome as Genome;
    for (const c of g.connections) if (c.enabled) expect(Math.abs(c.weight)).toBeGreaterThanOrEqual(0.2);
  });

  it('parsimony that starts after the last generation changes nothing; a ramped one still shrinks the network', async () => {
    const plain = await run({});
    const late = await run({ parsimony: 0.01, parsimonyStart: 10 });
    expect(JSON.stringify(late.extras?.genome)).toBe(JSON.stringify(plain.extras?.genome));
    const ramped = await run({ parsimony: 0.01, parsimonyStart: 4, parsimonyRamp: 3, pruneBelow: 0.2 });
    expect(ramped.extras?.connections as number).toBeLessThan(plain.extras?.connections as number);
  });

  it('sizeTarget: once a network reaches the target accuracy, the smallest such network is returned', async () => {
    const plain = await run({});
    const sized = await run({ sizeTarget: 0.75 });
    // Score 1 + 1/(1 + c) + tie-break: above 1 means the target was reached, and it encodes c.
    const fitness = sized.history.at(-1)?.metrics.fitness as number;
    const c = sized.extras?.connections as number;
    expect(fitness).toBeGreaterThan(1 + 1 / (2 + c));
    expect(fitness).toBeLessThanOrEqual(1 + 1 / (1 + c) + 0.5 / ((1 + c) * (2 + c)));
    expect(c).toBeLessThanOrEqual(plain.extras?.connections as number);
  });

  it('rejects a negative parsimony', () => {
    expect(() => new NeatBackpropTrainer({ parsimony: -1 })).toThrow(/parsimony/);
  });
});
