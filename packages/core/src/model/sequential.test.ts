import { Rng, ShapeError, add, backward, fromArray, matmul, mean, mul, randn, sub, tanh as tanhOp } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { RegistryError, SpecError } from '../errors.js';
import { activation } from '../layers/activations.js';
import { dense } from '../layers/dense.js';
import { gradCheckModel } from '../testing/grad-check-model.js';
import { buildModel } from './build.js';
import { mlp } from './mlp.js';
import { sequential } from './sequential.js';

const rng = Rng.fromSeed(1);

describe('sequential', () => {
  const model = sequential([dense(4, { activation: 'tanh' }), activation('relu'), dense(3)], { inputShape: [2], rng: Rng.fromSeed(9) });

  it('names parameters by layer, in one contiguous vector', () => {
    expect(model.params.names).toEqual(['dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias']);
    expect(model.params.size).toBe(2 * 4 + 4 + 4 * 3 + 3);
    expect(model.params.get('dense2.bias').data.buffer).toBe(model.params.vector.buffer);
    expect(model.outputShape).toEqual([3]);
  });

  it('summarises layers, shapes and parameter counts', () => {
    expect(model.summary()).toBe(
      [
        'sequential model, input [2]',
        'layer   output shape  params',
        'dense1  [4]               12',
        'relu1   [4]                0',
        'dense2  [3]               15',
        'total params: 27 (trainable 27, frozen 0); buffers: 0',
      ].join('\n'),
    );
  });

  it('computes what the layers say', () => {
    const x = randn([5, 2], rng);
    const p = (n: string) => model.params.get(n).detach();
    const h = tanhOp(add(matmul(x, p('dense1.weight')), p('dense1.bias')));
    const hr = fromArray(
      Array.from(h.data).map((v) => Math.max(0, v)),
      h.shape,
    );
    const expected = add(matmul(hr, p('dense2.weight')), p('dense2.bias'));
    expect(model.forward(x).data).toEqual(expected.data);
  });

  it('passes the gradient check through every layer', () => {
    const m = sequential([dense(4, { activation: 'tanh' }), dense(3, { activation: 'sigmoid' }), dense(2)], { inputShape: [3], rng });
    const report = gradCheckModel(m, randn([4, 3], rng));
    expect(report.worst).not.toBeNull();
    expect(report.ok).toBe(true);
  });

  it('is deterministic for a seed; different seeds differ', () => {
    const make = (seed: number) => sequential([dense(4), dense(2)], { inputShape: [3], rng: Rng.fromSeed(seed) });
    expect(make(3).params.vector).toEqual(make(3).params.vector);
    expect(make(3).params.vector).not.toEqual(make(4).params.vector);
  });

  it('rebuilds from JSON with the same layout and, for the same seed, the same weights', () => {
    const json = JSON.parse(JSON.stringify(model.spec));
    const rebuilt = buildModel(json, Rng.fromSeed(9));
    expect(rebuilt.params.names).toEqual(model.params.names);
    expect(rebuilt.params.vector).toEqual(model.params.vector);
    expect(rebuilt.spec).toEqual(model.spec);
  });

  it('clone copies weights and frozen flags, and is independent', () => {
    model.params.setTrainable(['dense1.weight'], false);
    const c = model.clone();
    expect(c.params.vector).toEqual(model.params.vector);
    expect(c.params.frozenNames()).toEqual(['dense1.weight']);
    c.params.vector[0] = 42;
    expect(model.params.vector[0]).not.toBe(42);
    model.params.setTrainable(['dense1.weight'], true);
  });

  it('fails fast on bad input and bad specs, naming what was expected', () => {
    expect(() => model.forward(randn([5, 3], rng))).toThrow(ShapeError);
    expect(() => model.forward(randn([5, 3], rng))).toThrow(/expected input \[batch, 2\], got \[5, 3\]/);
    expect(() => buildModel({ kind: 'resnet' })).toThrow(RegistryError);
    expect(() => buildModel({ kind: 'resnet' })).toThrow(/one of sequential/);
    expect(() => buildModel({ kind: 'sequential', inputShape: [2], layers: [{ type: 'dense', units: -1 }] })).toThrow(SpecError);
    expect(() => buildModel({ kind: 'sequential', inputShape: [2], layers: [{ type: 'dense', units: 2, unit: 3 }] })).toThrow(
      /unknown key 'unit'/,
    );
    expect(() => buildModel({ kind: 'sequential', inputShape: [2], layers: [{ type: 'conv9d' }] })).toThrow(
      /layer type: expected one of dense/,
    );
    expect(() => dense(0)).toThrow(/dense.units/);
    expect(() => sequential([dense(2)], { inputShape: [] })).toThrow(/layer 0 \('dense1'\)/);
  });

  it('a two-layer net learns XOR with a plain gradient loop', () => {
    const net = sequential([dense(8, { activation: 'tanh' }), dense(1)], { inputShape: [2], rng: Rng.fromSeed(0) });
    const x = fromArray([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = fromArray([[0], [1], [1], [0]]);
    const mse = () => {
      const d = sub(net.forward(x, 'train'), y);
      return mean(mul(d, d));
    };
    for (let step = 0; step < 500; step++) {
      net.params.zeroGrad();
      backward(mse());
      for (let i = 0; i < net.params.size; i++) net.params.vector[i] -= 0.2 * (net.params.grads[i] as number);
    }
    expect(mse().item()).toBeLessThan(0.01);
    const out = net.forward(x).data;
    expect(Array.from(out).map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });
});

describe('mlp', () => {
  it('builds the default model for a task', () => {
    const m = mlp({ inputSize: 2, hidden: [8, 8], outputSize: 3, activation: 'relu' }, rng);
    expect(m.params.names).toEqual(['dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias', 'dense3.weight', 'dense3.bias']);
    expect(m.forward(randn([4, 2], rng)).shape).toEqual([4, 3]);
    expect(m.spec).toMatchObject({ kind: 'sequential', layers: [{ kernelInitializer: 'heUniform' }, {}, { activation: 'linear' }] });
  });
  it('rejects unknown options by name', () => {
    expect(() => mlp({ inputSize: 2, outputSize: 1, hiden: [3] } as never, rng)).toThrow(/unknown key 'hiden'/);
  });
  it('uses tanh layers by default', () => {
    const m = mlp({ inputSize: 1, outputSize: 1 }, rng);
    expect(m.spec).toMatchObject({ layers: [{ activation: 'tanh', units: 16 }, { units: 16 }, { units: 1 }] });
  });
});
