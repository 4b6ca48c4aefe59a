import { sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { Rng, Tensor, backward, fromArray, gradCheck, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { estimateFisher, loadNamedArrays, saveNamedArrays } from './fisher.js';
import { distillationLoss, ewcPenalty, l2SpPenalty } from './regularizers.js';

const lookup = (tensors: Record<string, Tensor>) => ({ names: Object.keys(tensors), get: (n: string) => tensors[n] as Tensor });
const arr = (...v: number[]) => Float32Array.from(v);

describe('L2-SP', () => {
  it('equals α/2‖w − w⁰‖² + β/2‖w_new‖² by hand', () => {
    const w = new Tensor(arr(1, 2, 3), [3], { requiresGrad: true });
    const h = new Tensor(arr(-1, 2), [2], { requiresGrad: true });
    const p = l2SpPenalty(lookup({ w, h }), { alpha: 0.5, beta: 0.1, reference: new Map([['w', arr(0, 2, 5)]]) });
    expect(p.item()).toBeCloseTo(0.25 * (1 + 0 + 4) + 0.05 * (1 + 4), 6);
    backward(p);
    expect(Array.from(w.grad?.data ?? [])).toEqual([0.5, 0, -1].map((v) => Math.fround(v)));
    expect(Array.from(h.grad?.data ?? []).map((v) => +v.toFixed(6))).toEqual([-0.1, 0.2]);
  });

  it('passes a gradient check', () => {
    const ref = new Map([['a', randn([4, 3], Rng.fromSeed(2)).data]]);
    const report = gradCheck(
      (a, b) => l2SpPenalty(lookup({ a: a as Tensor, b: b as Tensor }), { alpha: 0.7, beta: 0.3, reference: ref }),
      [randn([4, 3], Rng.fromSeed(1)), randn([5], Rng.fromSeed(3))],
    );
    expect(report.ok).toBe(true);
  });
});

describe('EWC', () => {
  it('equals λ/2 Σ F (θ − θ*)² by hand and passes a gradient check', () => {
    const w = new Tensor(arr(1, 2), [2], { requiresGrad: true });
    const opts = { lambda: 4, reference: new Map([['w', arr(0, 1)]]), fisher: new Map([['w', arr(0.5, 2)]]) };
    const p = ewcPenalty(lookup({ w }), opts);
    expect(p.item()).toBeCloseTo(2 * (0.5 * 1 + 2 * 1), 6);
    backward(p);
    expect(Array.from(w.grad?.data ?? [])).toEqual([2, 8]);
    const big = {
      lambda: 3,
      reference: new Map([['a', randn([6], Rng.fromSeed(4)).data]]),
      fisher: new Map([['a', Rng.fromSeed(5).fillUniform(new Float32Array(6), 0, 2)]]),
    };
    expect(gradCheck((a) => ewcPenalty(lookup({ a: a as Tensor }), big), [randn([6], Rng.fromSeed(6))]).ok).toBe(true);
  });

  it('rejects a Fisher of the wrong size, naming the parameter', () => {
    const w = new Tensor(arr(1, 2), [2], { requiresGrad: true });
    expect(() =>
      ewcPenalty(lookup({ w }), { lambda: 1, reference: new Map([['w', arr(0, 1)]]), fisher: new Map([['w', arr(1)]]) }),
    ).toThrow(/ewc fisher 'w': expected 2 values/);
  });
});

describe('distillation (LwF)', () => {
  it('matches the cross-entropy of softened distributions by hand', () => {
    const z = fromArray([[1, 0, -1]]);
    const t = fromArray([[0, 2, 0]]);
    const T = 2;
    const sm = (v: number[]) => {
      const e = v.map((x) => Math.exp(x / T));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / s);
    };
    const p = sm([0, 2, 0]);
    const q = sm([1, 0, -1]);
    const expected = -p.reduce((s, pc, c) => s + pc * Math.log(q[c] as number), 0);
    expect(distillationLoss(z, t, { temperature: T }).item()).toBeCloseTo(expected, 5);
  });

  it('is minimised at the recorded outputs (gradient zero there) and passes a gradient check', () => {
    const rec = randn([3, 4], Rng.fromSeed(8));
    const z = new Tensor(Float32Array.from(rec.data), rec.shape, { requiresGrad: true });
    backward(distillationLoss(z, rec, { temperature: 2 }));
    expect((z.grad?.data ?? new Float32Array([1])).reduce((a, b) => Math.max(a, Math.abs(b)), 0)).toBeLessThan(1e-6);
    expect(gradCheck((x) => distillationLoss(x as Tensor, rec, { temperature: 3 }), [randn([3, 4], Rng.fromSeed(9))]).ok).toBe(true);
  });
});

describe('estimateFisher', () => {
  it('equals the mean squared per-sample gradient of a softmax regression, by hand', () => {
    const model = sequential([dense(3)], { inputShape: [2], rng: Rng.fromSeed(1) });
    const x = fromArray([
      [1, 2],
      [-1, 0.5],
      [0.3, -2],
    ]);
    const y = fromArray([0, 2, 1]);
    const fisher = estimateFisher(model, { x, y }, { loss: 'softmax-cross-entropy' }, { mode: 'empirical', rng: Rng.fromSeed(0) });
    // ∂CE/∂W[i, c] = x_i (p_c − [c = y]); ∂CE/∂b[c] = p_c − [c = y].
    const W = model.params.get('dense1.weight').data;
    const b = model.params.get('dense1.bias').data;
    const expectW = new Float64Array(6);
    const expectB = new Float64Array(3);
    for (let r = 0; r < 3; r++) {
      const xr = [x.data[2 * r] as number, x.data[2 * r + 1] as number];
      const z = [0, 1, 2].map((c) => (xr[0] as number) * (W[c] as number) + (xr[1] as number) * (W[3 + c] as number) + (b[c] as number));
      const m = z.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, v) => a + v, 0);
      for (let c = 0; c < 3; c++) {
        const d = (e[c] as number) / s - (c === y.data[r] ? 1 : 0);
        expectB[c] += (d * d) / 3;
        for (let i = 0; i < 2; i++) expectW[i * 3 + c] += ((xr[i] as number) * d) ** 2 / 3;
      }
    }
    Array.from(fisher.get('dense1.weight') ?? []).forEach((v, k) => expect(v).toBeCloseTo(expectW[k] as number, 5));
    Array.from(fisher.get('dense1.bias') ?? []).forEach((v, k) => expect(v).toBeCloseTo(expectB[k] as number, 5));
  });

  it('sampled mode is seeded, differs from the empirical one, and survives a file', () => {
    const model = sequential([dense(4, { activation: 'tanh' }), dense(3)], { inputShape: [2], rng: Rng.fromSeed(2) });
    const split = {
      x: randn([20, 2], Rng.fromSeed(3)),
      y: new Tensor(
        Float32Array.from({ length: 20 }, (_, i) => i % 3),
        [20],
      ),
    };
    const task = { loss: 'softmax-cross-entropy' } as const;
    const a = estimateFisher(model, split, task, { rng: Rng.fromSeed(1) });
    const b = estimateFisher(model, split, task, { rng: Rng.fromSeed(1) });
    const e = estimateFisher(model, split, task, { rng: Rng.fromSeed(1), mode: 'empirical' });
    expect(a).toEqual(b);
    expect(a).not.toEqual(e);
    expect(loadNamedArrays(saveNamedArrays(a, model))).toEqual(a);
    expect(() => estimateFisher(model, split, { loss: 'mse' }, { rng: Rng.fromSeed(1) })).toThrow(/'empirical' for a loss other than/);
  });
});
