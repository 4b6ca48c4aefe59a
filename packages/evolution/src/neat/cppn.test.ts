import { buildModel } from '@evoprop/core';
import { gradCheckModel } from '@evoprop/core/testing';
import { xorTask } from '@evoprop/core/testing';
import { describeTrainerConformance } from '@evoprop/core/testing/vitest';
import { Rng, fromArray, noGrad } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { type ActivationName, activationNames, applyActivation } from './activations.js';
import { neatConfig } from './config.js';
import type { Genome } from './genome.js';
import { createInnovationState } from './innovation.js';
import { NeatModel, neatModelKinds } from './model.js';
import { mutateActivation, mutateAddNode } from './mutation.js';
import { NeatNetwork } from './network.js';
import { evolveGeneration, initNeatPopulation } from './population.js';
import { genomeOf } from './test-helpers.js';
import { NeatTrainer, neatModelKinds as kinds } from './index.js';

// 2 inputs, bias 2, output 3, hidden 4 (activation a) and 5 (activation b).
function cppn(a: ActivationName, b: ActivationName): Genome {
  const g = genomeOf(2, 1, [
    [0, 0, 4, 0.7],
    [1, 1, 4, -0.4],
    [2, 2, 4, 0.3],
    [3, 4, 5, 0.9],
    [4, 0, 5, 0.5],
    [5, 5, 3, 1.2],
    [6, 4, 3, -0.6],
  ]);
  g.nodes = g.nodes.map((n) => (n.id === 4 ? { ...n, activation: a } : n.id === 5 ? { ...n, activation: b } : n));
  return g;
}
const options = { slope: 1, recurrent: false, activationSteps: 1 };

describe('CPPN activations (Stanley 2007)', () => {
  it('each activation has its textbook value', () => {
    const at = (name: ActivationName, z: number) => applyActivation(activationNames.indexOf(name), z, 1);
    expect(at('sigmoid', 0)).toBe(0.5);
    expect(at('sine', Math.PI / 2)).toBe(1);
    expect(at('gaussian', 1)).toBeCloseTo(Math.exp(-1), 15);
    expect(at('tanh', 0.5)).toBeCloseTo(Math.tanh(0.5), 15);
    expect(at('abs', -2)).toBe(2);
    expect(at('linear', -2)).toBe(-2);
    expect([at('step', -0.1), at('step', 0.1)]).toEqual([0, 1]);
  });

  it('the compiled network applies each node its own activation', () => {
    const [x0, x1] = [0.3, -0.8];
    const h4 = Math.sin(0.7 * x0 - 0.4 * x1 + 0.3);
    const h5 = Math.exp(-((0.9 * h4 + 0.5 * x0) ** 2));
    const o = 1 / (1 + Math.exp(-(1.2 * h5 - 0.6 * h4)));
    expect(NeatNetwork.fromGenome(cppn('sine', 'gaussian'), options).activate([x0, x1])[0]).toBeCloseTo(o, 12);
  });

  it.each([
    ['sine', 'gaussian'],
    ['tanh', 'abs'],
    ['linear', 'sigmoid'],
  ] as const)('the autograd op matches central differences (%s, %s)', (a, b) => {
    const model = new NeatModel(cppn(a, b), options);
    const x = fromArray([
      [0.3, -0.8],
      [0.9, 0.4],
      [-0.6, 0.2],
    ]);
    expect(gradCheckModel(model, x, { eps: 1e-3 }).ok).toBe(true);
  });

  it('the step has zero gradient and the model file keeps every activation', () => {
    const model = new NeatModel(cppn('step', 'sine'), options);
    const again = buildModel(model.spec, { kinds: neatModelKinds }) as NeatModel;
    const x = fromArray([[0.3, -0.8]]);
    expect(noGrad(() => again.forward(x)).data[0]).toBe(noGrad(() => model.forward(x)).data[0]);
    expect(again.toGenome().nodes.map((n) => n.activation)).toEqual([undefined, undefined, undefined, undefined, 'step', 'sine']);
  });

  it('add-node draws from network.activations; mutateActivation redraws a different one', () => {
    const config = neatConfig('cppn');
    const ctx = { config, tracker: createInnovationState(7, 6), rng: Rng.fromSeed(1) };
    const g = cppn('sine', 'gaussian');
    expect(mutateAddNode(g, ctx)).toBe(true);
    const added = g.nodes.find((n) => n.id === 6);
    expect(activationNames).toContain(added?.activation);
    const before = g.nodes.map((n) => n.activation);
    expect(mutateActivation(g, ctx)).toBe(true);
    const changed = g.nodes.filter((n, i) => n.activation !== before[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.kind).toBe('hidden');
  });

  it('plain NEAT genomes stay free of activation fields (its runs keep their bytes)', () => {
    const config = neatConfig('paper', { populationSize: 30, mutation: { addNodeProbability: 0.5 } });
    let state = initNeatPopulation(config, 2, 1, Rng.fromSeed(2));
    for (let k = 0; k < 4; k++)
      state = evolveGeneration(
        state,
        state.genomes.map((_, i) => i % 7),
      ).state;
    expect(state.genomes.some((g) => g.nodes.some((n) => n.kind === 'hidden'))).toBe(true);
    expect(JSON.stringify(state.genomes)).not.toContain('activation');
  });

  it("the 'cppn' preset is the paper's plus the seven activations and their mutation", () => {
    const c = neatConfig('cppn');
    expect(c.network.activations).toEqual([...activationNames]);
    expect(c.mutation.activationProbability).toBe(0.1);
    expect(() => neatConfig('cppn', { network: { activations: ['cosine' as ActivationName] } })).toThrow(/activations/);
  });
});

describeTrainerConformance('NeatTrainer (CPPN preset)', () => new NeatTrainer({ preset: 'cppn', neat: { populationSize: 50 } }), {
  budgets: ['generations', 'evaluations', 'flops', 'wallSeconds', 'target'],
  kinds,
  task: xorTask,
  target: { metric: 'accuracy', value: 1 },
  targetBackstop: { generations: 300 },
  caps: { generations: 4 },
});
