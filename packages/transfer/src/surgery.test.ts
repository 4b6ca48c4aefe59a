import { sequential } from '@evoprop/core';
import { flattenLayer, conv2dLayer, maxPool2dLayer, activation, dense } from '@evoprop/core/layers';
import { loadModel, saveModel } from '@evoprop/core/io';
import { Rng, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { freeze } from './freeze.js';
import { appendLayers, headStart, joinModels, namedLayers, replaceHead, splitModel, truncate } from './surgery.js';

const net = () =>
  sequential([conv2dLayer(2, 3), maxPool2dLayer(2), flattenLayer(), dense(6, { activation: 'relu' }), dense(3), activation('relu')], {
    inputShape: [1, 8, 8],
    rng: Rng.fromSeed(5),
  });
const bytesOf = (a: Float32Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
const x = () => randn([4, 1, 8, 8], Rng.fromSeed(9));

describe('surgery', () => {
  it('names layers as sequential does and finds the head', () => {
    const m = net();
    expect(namedLayers(m).map((l) => l.name)).toEqual(['conv2d1', 'maxPool2d1', 'flatten1', 'dense1', 'dense2', 'relu1']);
    expect(headStart(m)).toBe(4);
  });

  it('replaceHead keeps the trunk bytes and frozen flags, initialises a new head of the new size', () => {
    const m = net();
    freeze(m, 'conv2d1');
    const out = replaceHead(m, { outputSize: 7, hidden: [5], rng: Rng.fromSeed(2) });
    expect(out.params.names).toEqual([
      'conv2d1.weight',
      'conv2d1.bias',
      'dense1.weight',
      'dense1.bias',
      'head_h1.weight',
      'head_h1.bias',
      'head.weight',
      'head.bias',
    ]);
    for (const n of ['conv2d1.weight', 'conv2d1.bias', 'dense1.weight', 'dense1.bias'])
      expect(bytesOf(out.params.get(n).data)).toEqual(bytesOf(m.params.get(n).data));
    expect(out.params.frozenNames()).toEqual(['conv2d1.weight', 'conv2d1.bias']);
    expect(out.forward(x()).shape).toEqual([4, 7]);
    expect(out.params.get('head.weight').data.some((v) => v !== 0)).toBe(true);
    // Seeded: the same rng gives the same head.
    expect(bytesOf(replaceHead(m, { outputSize: 7, hidden: [5], rng: Rng.fromSeed(2) }).params.vector)).toEqual(bytesOf(out.params.vector));
  });

  it('a new head named like the old one is freshly initialised, not copied', () => {
    const m = replaceHead(net(), { outputSize: 3, rng: Rng.fromSeed(1) });
    const again = replaceHead(m, { outputSize: 3, rng: Rng.fromSeed(2) });
    expect(bytesOf(again.params.get('head.weight').data)).not.toEqual(bytesOf(m.params.get('head.weight').data));
  });

  it('truncate gives a feature extractor computing exactly the trunk of the model', () => {
    const m = net();
    const features = truncate(m);
    expect(features.outputShape).toEqual([6]);
    const { trunk, head } = splitModel(m);
    expect(bytesOf(trunk.forward(x()).data)).toEqual(bytesOf(features.forward(x()).data));
    // trunk then head = the whole model, bit for bit
    expect(bytesOf(head.forward(trunk.forward(x())).data)).toEqual(bytesOf(m.forward(x()).data));
    expect(truncate(m, 'maxPool2d1').outputShape).toEqual([2, 3, 3]);
    expect(truncate(m, 1).params.names).toEqual(['conv2d1.weight', 'conv2d1.bias']);
  });

  it('joinModels inverts splitModel and survives a model file', () => {
    const m = net();
    const { trunk, head } = splitModel(m, 'flatten1');
    const joined = joinModels(trunk, head);
    expect(bytesOf(joined.params.vector)).toEqual(bytesOf(m.params.vector));
    expect(bytesOf(loadModel(saveModel(joined)).forward(x()).data)).toEqual(bytesOf(m.forward(x()).data));
  });

  it('appendLayers keeps the old weights and adds seeded new ones', () => {
    const m = net();
    const out = appendLayers(m, [dense(2, { name: 'extra' })], Rng.fromSeed(4));
    expect(bytesOf(out.params.vector.subarray(0, m.params.size))).toEqual(bytesOf(m.params.vector));
    expect(out.forward(x()).shape).toEqual([4, 2]);
  });

  it('rejects bad surgery with messages naming what was expected', () => {
    const m = net();
    expect(() => truncate(m, 'nope')).toThrow(/a layer among conv2d1, maxPool2d1/);
    expect(() => replaceHead(m, { outputSize: 0, rng: Rng.fromSeed(1) })).toThrow(/outputSize: expected a positive integer, got 0/);
    expect(() => replaceHead(m, { outputSize: 2, rng: Rng.fromSeed(1), name: 'dense1' })).toThrow(/distinct from the trunk/);
    expect(() => splitModel(m, 0)).toThrow(/strictly inside/);
    const { trunk } = splitModel(m, 'flatten1');
    expect(() => joinModels(trunk, sequential([dense(2)], { inputShape: [5] }))).toThrow(/inputShape \[5\]/);
  });
});
