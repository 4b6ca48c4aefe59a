import { Rng, Tensor, backward, fromArray, gradCheck, noGrad } from '@evoprop/tensor';
import { buildModel } from '@evoprop/core';
import { loadModel, saveModel } from '@evoprop/core/io';
import { describe, expect, it } from 'vitest';
import { neatConfig } from './config.js';
import { neatForward } from './forward-op.js';
import { mutateGenome } from './mutation.js';
import { NeatModel, neatModelKinds } from './model.js';
import { NeatNetwork, compileNetworkPlan } from './network.js';
import { createInnovationState } from './innovation.js';
import { genomeOf } from './test-helpers.js';

// 2 inputs, bias 2, output 3, hidden 4 and 5; a disabled gene and a skip connection.
const ff = () =>
  genomeOf(2, 1, [
    [0, 0, 3, 0.7],
    [1, 1, 3, -0.4, false],
    [2, 2, 3, 0.2],
    [3, 1, 4, 1.1],
    [4, 4, 3, -0.9],
    [5, 0, 4, 0.3],
    [6, 2, 4, -0.5],
    [7, 4, 5, 0.8],
    [8, 5, 3, 0.6],
  ]);
// Recurrent: a self-loop on 4 and a back edge 3→4.
const rec = () =>
  genomeOf(2, 1, [
    [0, 0, 4, 0.7],
    [1, 1, 4, -0.4],
    [2, 4, 4, 0.5],
    [3, 4, 3, 1.2],
    [4, 3, 4, -0.8],
    [5, 2, 3, 0.1],
  ]);
const ffOptions = { slope: 4.9, recurrent: false, activationSteps: 1 };
const recOptions = { slope: 4.9, recurrent: true, activationSteps: 3 };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-4.9 * z));

describe('NeatNetwork (compiled plan)', () => {
  it('computes the feed-forward net by hand', () => {
    const net = NeatNetwork.fromGenome(ff(), ffOptions);
    const [a, b] = [1, 0.5];
    const h4 = sigmoid(1.1 * b + 0.3 * a - 0.5);
    const h5 = sigmoid(0.8 * h4);
    const o = sigmoid(0.7 * a + 0.2 - 0.9 * h4 + 0.6 * h5);
    expect(net.activate([a, b])[0]).toBeCloseTo(o, 12);
  });

  it('feeds the bias input its configured value (plain network, autograd op and model file)', () => {
    const options = { ...ffOptions, bias: 0.5 };
    const [a, b] = [1, 0.5];
    const h4 = sigmoid(1.1 * b + 0.3 * a - 0.5 * 0.5);
    const h5 = sigmoid(0.8 * h4);
    const o = sigmoid(0.7 * a + 0.2 * 0.5 - 0.9 * h4 + 0.6 * h5);
    expect(NeatNetwork.fromGenome(ff(), options).activate([a, b])[0]).toBeCloseTo(o, 12);
    const model = new NeatModel(ff(), options);
    expect(noGrad(() => model.forward(fromArray([[a, b]]))).data[0]).toBeCloseTo(o, 6);
    const again = loadModel(saveModel(model), { kinds: neatModelKinds });
    expect(again.forward(fromArray([[a, b]])).data[0]).toBeCloseTo(o, 6);
    expect(JSON.stringify(model.spec)).toContain('"biasInput":0.5');
    expect(JSON.stringify(new NeatModel(ff(), ffOptions).spec)).not.toContain('biasInput');
    expect(neatConfig('paper').network.biasInput).toBe(1);
    expect(neatConfig('paper-dpnv').network.biasInput).toBe(0.5);
  });

  it('runs recurrent nets by synchronous steps and keeps state until reset', () => {
    const net = NeatNetwork.fromGenome(rec(), recOptions);
    let h = 0;
    let o = 0;
    for (let t = 0; t < 3; t++) [h, o] = [sigmoid(0.7 - 0.4 * 0.5 + 0.5 * h - 0.8 * o), sigmoid(1.2 * h + 0.1)];
    expect(net.activate([1, 0.5])[0]).toBeCloseTo(o, 12);
    const again = net.activate([1, 0.5])[0];
    expect(again).not.toBeCloseTo(o, 12);
    net.reset();
    expect(net.activate([1, 0.5])[0]).toBeCloseTo(o, 12);
  });

  it('refuses a cyclic genome in feed-forward mode', () => {
    expect(() => compileNetworkPlan(rec(), ffOptions)).toThrow(/expected an acyclic genome/);
  });
});

describe('NeatModel', () => {
  it('forward matches the NeatNetwork on a batch, in float32', () => {
    for (const [g, o] of [
      [ff(), ffOptions],
      [rec(), recOptions],
    ] as const) {
      const model = new NeatModel(g, o);
      const x = fromArray([
        [0, 0],
        [1, 0.5],
        [-1, 2],
      ]);
      const y = model.forward(x);
      expect(y.shape).toEqual([3, 1]);
      const net = NeatNetwork.fromGenome(g, o);
      for (let r = 0; r < 3; r++) {
        net.reset();
        expect(y.data[r]).toBeCloseTo(net.activate([x.data[2 * r] as number, x.data[2 * r + 1] as number])[0] as number, 6);
      }
    }
  });

  it('has one parameter per enabled connection, and writes trained weights back into the spec', () => {
    const model = new NeatModel(ff(), ffOptions);
    expect(model.params.size).toBe(8);
    model.params.vector[0] = 3;
    const spec = model.spec as unknown as { genome: { connections: { weight: number }[] } };
    expect(spec.genome.connections[0]?.weight).toBe(3);
    const copy = model.clone();
    copy.params.vector[0] = 5;
    expect(model.params.vector[0]).toBe(3);
  });

  it('gradients through the op match finite differences (feed-forward and recurrent)', () => {
    for (const [g, o] of [
      [ff(), ffOptions],
      [rec(), recOptions],
    ] as const) {
      const plan = compileNetworkPlan(g, o);
      const w = new Tensor(
        Float32Array.from(plan.parameter, (_, i) => 0.3 * Math.sin(i + 1)),
        [plan.parameter.length],
      );
      const x = new Tensor(Rng.fromSeed(1).fillUniform(new Float32Array(8), -1, 1), [4, 2]);
      const report = gradCheck((xi, wi) => neatForward(xi as Tensor, wi as Tensor, plan), [x, w], { eps: 1e-3, atol: 2e-3, rtol: 2e-2 });
      expect(report.ok, JSON.stringify(report.worst)).toBe(true);
    }
  });

  it('trains by backprop: a few SGD steps reduce the loss on XOR', () => {
    const model = new NeatModel(ff(), ffOptions);
    const x = fromArray([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const target = [0, 1, 1, 0];
    const loss = () => noGrad(() => Array.from(model.forward(x).data).reduce((s, v, i) => s + (v - (target[i] as number)) ** 2, 0));
    const before = loss();
    for (let step = 0; step < 20; step++) {
      model.params.zeroGrad();
      const y = model.forward(x);
      backward(
        y,
        Float32Array.from(y.data, (v, i) => 2 * (v - (target[i] as number))),
      ); // d/dy Σ(y − t)²
      for (let i = 0; i < model.params.size; i++)
        model.params.vector[i] = (model.params.vector[i] as number) - 0.5 * (model.params.grads[i] as number);
    }
    expect(loss()).toBeLessThan(before);
  });

  it('round-trips through buildModel and the model file', () => {
    const config = neatConfig('paper');
    const g = ff();
    const ctx = { config, tracker: createInnovationState(20, 10), rng: Rng.fromSeed(3) };
    for (let i = 0; i < 30; i++) mutateGenome(g, ctx);
    const model = new NeatModel(g, ffOptions);
    const x = fromArray([
      [0.2, -0.3],
      [1, 1],
    ]);
    const rebuilt = buildModel(JSON.parse(JSON.stringify(model.spec)), { kinds: neatModelKinds });
    expect(Array.from(rebuilt.forward(x).data)).toEqual(Array.from(model.forward(x).data));
    const loaded = loadModel(saveModel(model), { kinds: neatModelKinds });
    expect(Array.from(loaded.params.vector)).toEqual(Array.from(model.params.vector));
    expect(Array.from(loaded.forward(x).data)).toEqual(Array.from(model.forward(x).data));
  });

  it('rejects broken specs with the reason', () => {
    expect(() => buildModel({ kind: 'neat', genome: {} }, { kinds: neatModelKinds })).toThrow(/neat spec/);
    const bad = { ...(new NeatModel(ff(), ffOptions).spec as object), activationSteps: 0 };
    expect(() => buildModel(bad, { kinds: neatModelKinds })).toThrow(/activationSteps/);
    const dangling = new NeatModel(ff(), ffOptions).spec as unknown as { genome: { connections: { to: number }[] } };
    (dangling.genome.connections[0] as { to: number }).to = 99;
    expect(() => buildModel(dangling, { kinds: neatModelKinds })).toThrow(/unknown node 99/);
  });
});
