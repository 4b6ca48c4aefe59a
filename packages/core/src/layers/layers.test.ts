import { Rng, type Tensor, ValueError, fromArray, randn, uniform, zeros } from '@evoprop/tensor';
import { describe, expect, it, vi } from 'vitest';
import { loadModel, saveModel } from '../io/model-file.js';
import { buildModel } from '../model/build.js';
import { sequential } from '../model/sequential.js';
import { gradCheckModel } from '../testing/grad-check-model.js';
import * as activations from './activations.js';
import { activation } from './activations.js';
import * as conv from './conv2d.js';
import { conv2dLayer } from './conv2d.js';
import { dense } from './dense.js';
import type { Layer } from './layer.js';
import { batchNorm, embedding, layerNorm } from './normalization.js';
import * as pool from './pool.js';
import { avgPool2dLayer, maxPool2dLayer } from './pool.js';
import { gru, lstm, simpleRnn } from './recurrent.js';
import * as shapeLayers from './shape-layers.js';
import { dropoutLayer, flattenLayer, reshapeTo } from './shape-layers.js';
import { upsample2d } from './upsample.js';

const rng = Rng.fromSeed(5);
const bits = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

type Case = [name: string, layers: Layer[], inputShape: number[], mode?: 'train' | 'eval'];
const cases: Case[] = [
  ['dense on sequences', [dense(3)], [2, 4]],
  [
    'activations',
    [
      dense(4),
      activation('tanh'),
      activation('sigmoid'),
      activation('leakyRelu', { alpha: 0.01 }),
      activation('elu', { alpha: 1 }),
      activation('gelu'),
      activation('softmax'),
    ],
    [3],
  ],
  ['conv2d stride 2, padding 1', [conv2dLayer(2, 3, { stride: 2, padding: 1 })], [2, 5, 5]],
  ['conv2d same, 3×1 kernel', [conv2dLayer(2, [3, 1], { padding: 'same' })], [1, 4, 4]],
  ['conv2d dilation 2, padding 1, no bias', [conv2dLayer(2, 2, { dilation: 2, padding: 1, useBias: false })], [2, 5, 5]],
  ['maxPool2d overlapping windows', [maxPool2dLayer(3, { stride: 1 }), flattenLayer()], [1, 4, 4]],
  ['maxPool2d + flatten', [conv2dLayer(2, 2), maxPool2dLayer(2), flattenLayer(), dense(2)], [1, 5, 5]],
  ['avgPool2d with padding', [avgPool2dLayer(3, { stride: 2, padding: 1 }), flattenLayer()], [2, 5, 5]],
  ['batchNorm (train) on images', [conv2dLayer(2, 2), batchNorm()], [1, 4, 4], 'train'],
  ['batchNorm (eval) on features', [dense(3), batchNorm()], [2], 'eval'],
  ['layerNorm', [dense(4), layerNorm()], [3]],
  ['dropout (train, fixed rng)', [dense(5), dropoutLayer(0.4)], [3], 'train'],
  ['simpleRnn through time', [simpleRnn(3)], [4, 2]],
  ['lstm through time', [lstm(3)], [4, 2]],
  ['gru through time', [gru(3)], [4, 2]],
  ['upsample2d ×2 then conv2d (a conv decoder block)', [upsample2d(2), conv2dLayer(2, 3, { padding: 'same' })], [2, 2, 3]],
  ['dense → reshape → upsample2d [2, 3] (decoder from a code)', [dense(8), reshapeTo([2, 2, 2]), upsample2d([2, 3]), flattenLayer()], [3]],
  ['lstm → gru, full sequences', [lstm(2, { returnSequences: true }), gru(2, { returnSequences: true })], [3, 2]],
];

describe('layers: gradient checks vs central differences', () => {
  it.each(cases)('%s', (_, layers, inputShape, mode) => {
    const model = sequential(layers, { inputShape, rng: Rng.fromSeed(2) });
    // perturb default biases/gammas so no gradient is trivially zero
    model.params.vector.set(Array.from(model.params.vector, (v, i) => v + 0.1 * Math.sin(i + 1)));
    const x = randn([3, ...inputShape], rng);
    const report = gradCheckModel(model, x, { mode: mode ?? 'eval', eps: 1e-2 });
    expect(report.worst).not.toBeNull();
    expect(report, JSON.stringify(report.worst)).toMatchObject({ ok: true });
  });

  it('embedding gradient scatter-adds repeated ids', () => {
    const model = sequential([embedding(5, 3), flattenLayer(), dense(2)], { inputShape: [4], rng });
    const ids = fromArray([
      [0, 3, 3, 1],
      [4, 4, 2, 0],
    ]);
    expect(gradCheckModel(model, ids, { input: false }).ok).toBe(true);
    expect(() => model.forward(fromArray([[0, 1, 2, 5]]))).toThrow(ValueError);
  });
});

describe('layer shapes', () => {
  it.each([
    [[conv2dLayer(4, 3)], [1, 28, 28], [4, 26, 26]],
    [[conv2dLayer(4, 3, { padding: 'same' })], [1, 28, 28], [4, 28, 28]],
    [[conv2dLayer(4, 5, { stride: 2, padding: 2 })], [3, 28, 28], [4, 14, 14]],
    [[maxPool2dLayer(2)], [3, 7, 7], [3, 3, 3]],
    [[avgPool2dLayer(3, { stride: 1, padding: 1 })], [3, 7, 7], [3, 7, 7]],
    [[flattenLayer()], [3, 7, 7], [147]],
    [[upsample2d(2)], [3, 7, 7], [3, 14, 14]],
    [[upsample2d([1, 3])], [2, 2, 2], [2, 2, 6]],
    [[reshapeTo([4, 7, 7])], [196], [4, 7, 7]],
    [[embedding(10, 4)], [6], [6, 4]],
    [[lstm(5)], [6, 3], [5]],
    [[gru(5, { returnSequences: true })], [6, 3], [6, 5]],
  ] as [Layer[], number[], number[]][])('%#: infers output shapes', (layers, input, output) => {
    const model = sequential(layers, { inputShape: input, rng });
    expect(model.outputShape).toEqual(output);
    const x =
      layers[0]?.spec.type === 'embedding'
        ? fromArray(
            Array.from({ length: 12 }, (_, i) => i % 10),
            [2, 6],
          )
        : randn([2, ...input], rng);
    expect(model.forward(x).shape).toEqual([2, ...output]);
  });

  it('rejects inputs a layer cannot take, naming layer and shapes', () => {
    expect(() => sequential([conv2dLayer(2, 3)], { inputShape: [4] })).toThrow(
      /layer 0 \('conv2d1'\): conv2d: expected a per-sample input \[channels, height, width\], got \[4\]/,
    );
    expect(() => sequential([dense(3), lstm(2)], { inputShape: [4] })).toThrow(/'lstm1'.*\[time, features\], got \[3\]/);
    expect(() => sequential([conv2dLayer(2, 5)], { inputShape: [1, 3, 3] })).toThrow(/kernel size 5×5/);
    expect(() => conv2dLayer(2, 2, { padding: 'same' })).toThrow(/'same' with stride 1 and an odd/);
  });
});

describe('batchNorm', () => {
  it('train mode normalises the batch and moves the running statistics; eval uses them', () => {
    const model = sequential([batchNorm({ momentum: 0.5 })], { inputShape: [2] });
    const x = fromArray([
      [1, 10],
      [3, 20],
      [5, 30],
    ]);
    const y = model.forward(x, 'train');
    // column 0: mean 3, biased var 8/3
    expect(y.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3 + 1e-5), 4);
    const buffers = model.buffers;
    expect(buffers?.names).toEqual(['batchNorm1.runningMean', 'batchNorm1.runningVar']);
    expect(Array.from(buffers?.get('batchNorm1.runningMean').data ?? [])).toEqual([1.5, 10]);
    // unbiased variance 4 and 100, half-way from 1
    expect(Array.from(buffers?.get('batchNorm1.runningVar').data ?? [])).toEqual([2.5, 50.5]);
    const e = model.forward(fromArray([[1.5, 10]]), 'eval');
    expect(Array.from(e.data).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 0]);
    expect(model.params.size).toBe(4); // buffers are not parameters: evolution never perturbs them
  });

  it.each([
    ['features', [2], [0, 2]],
    ['images', [2, 3, 3], [0, 2, 3, 3]],
  ])('an empty batch in train mode leaves the running statistics alone (%s)', (_, inputShape, emptyShape) => {
    const model = sequential([batchNorm({ momentum: 0.5 })], { inputShape });
    const sample = randn([4, ...inputShape], Rng.fromSeed(9));
    model.forward(sample, 'train');
    const before = bits(model.buffers?.vector ?? new Float32Array());
    const y = model.forward(zeros(emptyShape), 'train');
    expect(y.shape).toEqual(emptyShape);
    expect(bits(model.buffers?.vector ?? new Float32Array(1))).toEqual(before);
    expect(Array.from(model.forward(sample, 'eval').data).every(Number.isFinite)).toBe(true);
  });

  it('clone and model files carry the buffers', () => {
    const model = sequential([dense(3), batchNorm()], { inputShape: [2], rng });
    model.forward(randn([8, 2], rng), 'train');
    const clone = model.clone();
    expect(bits(clone.buffers?.vector ?? new Float32Array())).toEqual(bits(model.buffers?.vector ?? new Float32Array(1)));
    const loaded = loadModel(saveModel(model));
    expect(bits(loaded.buffers?.vector ?? new Float32Array())).toEqual(bits(model.buffers?.vector ?? new Float32Array(1)));
    const x = randn([4, 2], rng);
    expect(bits(loaded.forward(x).data)).toEqual(bits(model.forward(x).data));
  });

  it("takes eps (PyTorch's name); a spec or option with the old epsilon builds the same layer", () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const spec = (layers: readonly Layer[]) => sequential(layers, { inputShape: [2], rng: Rng.fromSeed(1) }).spec;
    expect(spec([dense(3), batchNorm({ epsilon: 1e-3 }), layerNorm({ epsilon: 1e-4 })])).toEqual(
      spec([dense(3), batchNorm({ eps: 1e-3 }), layerNorm({ eps: 1e-4 })]),
    );
    // A model file written before the rename: its spec says epsilon.
    const model = sequential([dense(3), batchNorm({ eps: 1e-3 })], { inputShape: [2], rng: Rng.fromSeed(1) });
    const old = JSON.parse(JSON.stringify(model.spec).replace('"eps"', '"epsilon"')) as typeof model.spec;
    expect(JSON.stringify(old)).toContain('"epsilon":0.001');
    expect(buildModel(old, Rng.fromSeed(1)).spec).toEqual(model.spec);
    expect(emit).toHaveBeenCalledWith(expect.stringMatching(/'epsilon' is deprecated, write 'eps'/), expect.anything());
    emit.mockRestore();
  });
});

describe('dropout', () => {
  const model = sequential([dropoutLayer(0.5)], { inputShape: [100] });
  const x = uniform([2, 100], rng, 1, 2);
  it('is the identity in eval mode and reproducible per rng in train mode', () => {
    expect(model.forward(x, 'eval').data).toEqual(x.data);
    const a = model.forward(x, 'train', { rng: Rng.fromSeed(3) });
    const b = model.forward(x, 'train', { rng: Rng.fromSeed(3) });
    const c = model.forward(x, 'train', { rng: Rng.fromSeed(4) });
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toEqual(c.data);
    const zeroed = Array.from(a.data).filter((v) => v === 0).length;
    expect(zeroed).toBeGreaterThan(70);
    expect(zeroed).toBeLessThan(130);
    Array.from(a.data).forEach((v, i) => v !== 0 && expect(v).toBeCloseTo((x.data[i] as number) * 2, 5));
  });
  it('without an rng, draws from the model stream, which clone copies', () => {
    const m = sequential([dropoutLayer(0.5)], { inputShape: [100], rng: Rng.fromSeed(8) });
    const c = m.clone();
    expect(m.forward(x, 'train').data).toEqual(c.forward(x, 'train').data);
    expect(m.forward(x, 'train').data).not.toEqual(m.forward(x, 'train').data);
  });
});

describe('save → load is bit-identical for every layer type', () => {
  const seqInput = (shape: number[]): Tensor => randn([2, ...shape], rng);
  it.each([
    [
      'image stack',
      [
        conv2dLayer(3, 3, { padding: 1 }),
        batchNorm(),
        maxPool2dLayer(2),
        conv2dLayer(2, 2),
        avgPool2dLayer(2),
        flattenLayer(),
        dropoutLayer(0.1),
        dense(4),
        layerNorm(),
        dense(2, { activation: 'softmax' }),
      ],
      [1, 8, 8],
    ],
    [
      'conv autoencoder (reshape, upsample2d)',
      [
        conv2dLayer(2, 3, { padding: 1 }),
        maxPool2dLayer(2),
        flattenLayer(),
        dense(3),
        dense(8),
        reshapeTo([2, 2, 2]),
        upsample2d(2),
        conv2dLayer(1, 3, { padding: 1 }),
        flattenLayer(),
      ],
      [1, 4, 4],
    ],
    ['recurrent stack', [simpleRnn(3, { returnSequences: true }), lstm(3, { returnSequences: true }), gru(2)], [5, 2]],
  ] as [string, Layer[], number[]][])('%s', (_, layers, inputShape) => {
    const model = sequential(layers, { inputShape, rng: Rng.fromSeed(12) });
    model.params.setTrainable([model.params.names[0] as string], false);
    const loaded = loadModel(saveModel(model));
    expect(loaded.spec).toEqual(model.spec);
    expect(bits(loaded.params.vector)).toEqual(bits(model.params.vector));
    expect(loaded.params.frozenNames()).toEqual(model.params.frozenNames());
    const x = seqInput(inputShape);
    expect(bits(loaded.forward(x).data)).toEqual(bits(model.forward(x).data));
  });
  it('embedding', () => {
    const model = sequential([embedding(7, 3), lstm(2)], { inputShape: [4], rng });
    const loaded = loadModel(saveModel(model));
    const ids = fromArray([[1, 2, 6, 0]]);
    expect(bits(loaded.forward(ids).data)).toEqual(bits(model.forward(ids).data));
  });
});

describe('upsample2d', () => {
  it('copies every value into an sh×sw block (nearest neighbour, by hand)', () => {
    const model = sequential([upsample2d([2, 3])], { inputShape: [1, 2, 2], rng });
    const out = model.forward(fromArray([1, 2, 3, 4], [1, 1, 2, 2]));
    expect(Array.from(out.data)).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4]);
  });
  it('names a wrong input or shape', () => {
    expect(() => sequential([upsample2d(2)], { inputShape: [4], rng })).toThrow(/\[channels, height, width\]/);
    expect(() => sequential([reshapeTo([3, 3])], { inputShape: [8], rng })).toThrow(/a shape of 8 values/);
    expect(() => upsample2d(0)).toThrow();
  });
});

describe('lstm details', () => {
  it('forget-gate bias starts at 1 by default', () => {
    const model = sequential([lstm(2)], { inputShape: [3, 1] });
    expect(Array.from(model.params.get('lstm1.bias').data)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    const plain = sequential([lstm(2, { unitForgetBias: false })], { inputShape: [3, 1] });
    expect(Array.from(plain.params.get('lstm1.bias').data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('remembers: output depends on the first step of a long sequence', () => {
    const model = sequential([lstm(4)], { inputShape: [20, 1], rng });
    const a = randn([1, 20, 1], Rng.fromSeed(1));
    const b = fromArray(Float32Array.from(a.data), a.shape);
    b.data[0] = (b.data[0] as number) + 1;
    expect(model.forward(a).data).not.toEqual(model.forward(b).data);
  });
});

describe('deprecated layer names (each is also a @evoprop/tensor op)', () => {
  it('are the same builders as the new names', () => {
    expect(conv.conv2d).toBe(conv.conv2dLayer);
    expect(pool.maxPool2d).toBe(pool.maxPool2dLayer);
    expect(pool.avgPool2d).toBe(pool.avgPool2dLayer);
    expect(shapeLayers.flatten).toBe(shapeLayers.flattenLayer);
    expect(shapeLayers.dropout).toBe(shapeLayers.dropoutLayer);
  });

  it('build the same specs as activation(name)', () => {
    expect(activations.relu().spec).toEqual(activation('relu').spec);
    expect(activations.tanh().spec).toEqual(activation('tanh').spec);
    expect(activations.sigmoid().spec).toEqual(activation('sigmoid').spec);
    expect(activations.gelu().spec).toEqual(activation('gelu').spec);
    expect(activations.softmax().spec).toEqual(activation('softmax').spec);
    expect(activations.leakyRelu().spec).toEqual(activation('leakyRelu', { alpha: 0.01 }).spec);
    expect(activations.elu().spec).toEqual(activation('elu', { alpha: 1 }).spec);
  });
});
