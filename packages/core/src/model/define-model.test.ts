import { Rng, type Tensor, add, concat, randn, result } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SpecError } from '../errors.js';
import { loadModel, saveModel } from '../io/model-file.js';
import { dense } from '../layers/dense.js';
import type { Layer } from '../layers/layer.js';
import { batchNorm } from '../layers/normalization.js';
import { dropoutLayer } from '../layers/shape-layers.js';
import { gradCheckModel } from '../testing/grad-check-model.js';
import { buildModel } from './build.js';
import { defineModel } from './define-model.js';

const rng = Rng.fromSeed(3);

const residual = defineModel({
  kind: 'residual-mlp',
  configSchema: z.strictObject({ width: z.number().int().positive(), outputs: z.number().int().positive() }),
  layers: (c) => ({ inp: dense(c.width), hidden: dense(c.width, { activation: 'tanh' }), norm: batchNorm(), out: dense(c.outputs) }),
  forward: (L, x) => {
    const h = L.inp(x);
    return L.out(L.norm(add(h, L.hidden(h))));
  },
});

const twoHeaded = defineModel({
  kind: 'two-headed',
  configSchema: z.strictObject({ classes: z.number().int() }),
  layers: (c) => ({ trunk: dense(6, { activation: 'tanh' }), drop: dropoutLayer(0.2), policy: dense(c.classes), value: dense(1) }),
  forward: (L, x) => {
    const h = L.drop(L.trunk(x));
    return concat([L.policy(h), L.value(h)], 1);
  },
});

describe('defineModel', () => {
  it('lays out children in declared order with inferred shapes', () => {
    const m = residual.create({ inputShape: [3], config: { width: 5, outputs: 2 }, rng });
    expect(m.params.names).toEqual([
      'inp.weight',
      'inp.bias',
      'hidden.weight',
      'hidden.bias',
      'norm.gamma',
      'norm.beta',
      'out.weight',
      'out.bias',
    ]);
    expect(m.params.get('hidden.weight').shape).toEqual([5, 5]);
    expect(m.outputShape).toEqual([2]);
    expect(m.buffers?.names).toEqual(['norm.runningMean', 'norm.runningVar']);
    expect(m.forward(randn([4, 3], rng)).shape).toEqual([4, 2]);
  });

  it('passes the gradient check through the skip connection (train mode)', () => {
    const m = residual.create({ inputShape: [3], config: { width: 4, outputs: 2 }, rng });
    expect(gradCheckModel(m, randn([5, 3], rng), { mode: 'train' }).ok).toBe(true);
  });

  it('two heads share a trunk; dropout uses the forward rng', () => {
    const m = twoHeaded.create({ inputShape: [4], config: { classes: 3 }, rng });
    const x = randn([2, 4], rng);
    expect(m.forward(x).shape).toEqual([2, 4]);
    expect(m.forward(x, 'train', { rng: Rng.fromSeed(1) }).data).toEqual(m.forward(x, 'train', { rng: Rng.fromSeed(1) }).data);
    expect(gradCheckModel(m, x, { mode: 'train' }).ok).toBe(true);
  });

  it('rebuilds from JSON and from files when given its kind', () => {
    const m = residual.create({ inputShape: [3], config: { width: 4, outputs: 2 }, rng: Rng.fromSeed(1) });
    const kinds = { [residual.kind]: residual };
    const rebuilt = buildModel(JSON.parse(JSON.stringify(m.spec)), { rng: Rng.fromSeed(1), kinds });
    expect(rebuilt.params.vector).toEqual(m.params.vector);
    const loaded = loadModel(saveModel(m), { kinds });
    const x = randn([2, 3], rng);
    expect(loaded.forward(x).data).toEqual(m.forward(x).data);
    expect(() => loadModel(saveModel(m))).toThrow(/model kind: expected one of sequential, vector, got "residual-mlp"/);
    const c = m.clone();
    expect(c.forward(x).data).toEqual(m.forward(x).data);
  });

  it('reports bad configs, unused children and inconsistent shapes', () => {
    expect(() => residual.create({ inputShape: [3], config: { width: 4, outputs: 2, depth: 3 } as never })).toThrow(
      /residual-mlp config.*unknown key 'depth'/,
    );
    const lazy = defineModel({
      kind: 'lazy',
      configSchema: z.object({}),
      layers: () => ({ a: dense(2), b: dense(2) }),
      forward: (L, x) => L.a(x),
    });
    expect(() => lazy.create({ inputShape: [2], config: {} })).toThrow(SpecError);
    expect(() => lazy.create({ inputShape: [2], config: {} })).toThrow(/unused: b/);
    const shared = defineModel({
      kind: 'shared',
      configSchema: z.object({}),
      layers: () => ({ a: dense(3) }),
      forward: (L, x) => L.a(L.a(x)),
    });
    expect(() => shared.create({ inputShape: [2], config: {} })).toThrow(/same input shape on every call \(\[2\]\), got \[3\]/);
  });
});

describe('gradCheckModel can fail', () => {
  it('catches a layer with a wrong backward', () => {
    const double: Layer = {
      spec: { type: 'wrongDouble' },
      build: (inputShape) => ({
        outputShape: inputShape,
        params: [],
        forward: (x: Tensor) =>
          result(
            'wrongDouble',
            x.data.map((v) => 2 * v),
            x.shape,
            [x],
            (g) => [g],
          ), // should be 2g
      }),
    };
    const m = defineModel({
      kind: 'w',
      configSchema: z.object({}),
      layers: () => ({ d: dense(2), bad: double }),
      forward: (L, x) => L.bad(L.d(x)),
    }).create({
      inputShape: [2],
      config: {},
      rng,
    });
    expect(gradCheckModel(m, randn([2, 2], rng)).ok).toBe(false);
  });
});
