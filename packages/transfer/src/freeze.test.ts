import { BackpropTrainer } from '@evoprop/backprop';
import { sequential } from '@evoprop/core';
import { conv2dLayer, flattenLayer, maxPool2dLayer, dense } from '@evoprop/core/layers';
import { xorTask } from '@evoprop/core/testing';
import { EvolutionTrainer } from '@evoprop/evolution';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { countParams, freeze, freezeAllExcept, frozenValues, unfreeze } from './freeze.js';
import { globToRegExp, paramLayers, selectParams } from './select.js';

const convNet = () =>
  sequential(
    [
      conv2dLayer(2, 3, { name: 'conv1' }),
      maxPool2dLayer(2),
      conv2dLayer(3, 2, { name: 'conv2' }),
      flattenLayer(),
      dense(4, { activation: 'relu' }),
      dense(2),
    ],
    {
      inputShape: [1, 8, 8],
      rng: Rng.fromSeed(1),
    },
  );
const xorNet = () =>
  sequential([dense(8, { activation: 'tanh' }), dense(8, { activation: 'tanh' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(3) });

const bytesOf = (a: Float32Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe('selectParams', () => {
  it('matches globs on parameter and layer names', () => {
    const m = convNet();
    expect(selectParams(m, 'conv*')).toEqual(['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias']);
    expect(selectParams(m, '*.bias')).toEqual(['conv1.bias', 'conv2.bias', 'dense1.bias', 'dense2.bias']);
    expect(selectParams(m, 'dense?.weight')).toEqual(['dense1.weight', 'dense2.weight']);
    expect(globToRegExp('a*').test('a.b')).toBe(false);
    expect(globToRegExp('a**').test('a.b')).toBe(true);
  });

  it('takes RegExps (also written as /re/ strings), predicates, layers and vector ranges', () => {
    const m = convNet();
    expect(selectParams(m, /^dense\d\.weight$/)).toEqual(['dense1.weight', 'dense2.weight']);
    expect(selectParams(m, '/^CONV2/i')).toEqual(['conv2.weight', 'conv2.bias']);
    expect(selectParams(m, (n) => n.endsWith('2.bias'))).toEqual(['conv2.bias', 'dense2.bias']);
    expect(paramLayers(m)).toEqual(['conv1', 'conv2', 'dense1', 'dense2']);
    expect(selectParams(m, { layer: -1 })).toEqual(['dense2.weight', 'dense2.bias']);
    expect(selectParams(m, { layer: 'dense1' })).toEqual(['dense1.weight', 'dense1.bias']);
    expect(selectParams(m, { layers: [0, -2] })).toEqual(['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias']);
    const d1 = m.params.entry('dense1.weight');
    const d1b = m.params.entry('dense1.bias');
    expect(selectParams(m, { range: [d1.offset, d1b.offset + d1b.size] })).toEqual(['dense1.weight', 'dense1.bias']);
    expect(selectParams(m, ['conv1.bias', { layer: 3 }])).toEqual(['conv1.bias', 'dense2.weight', 'dense2.bias']);
  });

  it('fails loudly on selectors that match nothing or cut a tensor', () => {
    const m = convNet();
    expect(() => selectParams(m, 'cnv*')).toThrow(/'cnv\*' to match a parameter among conv1.weight/);
    expect(() => selectParams(m, { layer: 'head' })).toThrow(/one of conv1, conv2, dense1, dense2/);
    expect(() => selectParams(m, { layers: [2, 9] })).toThrow(/0 ≤ from ≤ to ≤ 4/);
    expect(() => selectParams(m, { range: [1, 5] })).toThrow(/'conv1.weight' spans \[0, 18\)/);
    expect(selectParams(m, 'nothing', { allowEmpty: true })).toEqual([]);
  });
});

describe('freeze', () => {
  it('freezes, unfreezes and freezes all but a selection', () => {
    const m = convNet();
    expect(freeze(m, 'conv*')).toHaveLength(4);
    expect(m.params.frozenNames()).toEqual(['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias']);
    unfreeze(m, 'conv2');
    expect(m.params.frozenNames()).toEqual(['conv1.weight', 'conv1.bias']);
    freezeAllExcept(m, { layer: -1 });
    expect(m.params.frozenNames()).toEqual(['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias', 'dense1.weight', 'dense1.bias']);
    const c = countParams(m);
    expect(c.trainable).toBe(4 * 2 + 2);
    expect(c.total).toBe(m.params.size);
  });

  it('frozen bytes never move under backprop, while the rest trains', async () => {
    const m = xorNet();
    freeze(m, 'dense1');
    const before = frozenValues(m);
    const start = Float32Array.from(m.params.vector);
    const trainer = new BackpropTrainer({ optimizer: { name: 'adamw', learningRate: 0.05, weightDecay: 0.1 }, diagnostics: false });
    const r = await trainer.fit({ task: xorTask(), model: m, rng: Rng.fromSeed(1), budget: { epochs: 30 } });
    for (const [name, values] of before) expect(bytesOf(r.model.params.get(name).data)).toEqual(bytesOf(values));
    const moved = r.model.params.get('dense2.weight').data.some((v, i) => v !== start[m.params.entry('dense2.weight').offset + i]);
    expect(moved).toBe(true);
  });

  it('frozen bytes never move under evolution (sep-CMA-ES searches only the trainable part)', async () => {
    const m = xorNet();
    freeze(m, { layers: [0, 2] });
    const before = frozenValues(m);
    const trainer = new EvolutionTrainer({ strategy: 'sepCmaEs', strategyConfig: { sigma: 0.5 } });
    const r = await trainer.fit({ task: xorTask(), model: m, rng: Rng.fromSeed(2), budget: { generations: 15 } });
    expect(before.size).toBe(4);
    for (const [name, values] of before) expect(bytesOf(r.model.params.get(name).data)).toEqual(bytesOf(values));
    expect(bytesOf(r.model.params.get('dense3.weight').data)).not.toEqual(bytesOf(m.params.get('dense3.weight').data));
  });
});
