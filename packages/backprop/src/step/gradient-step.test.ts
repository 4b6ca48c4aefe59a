import { Params } from '@evoprop/core';
import { FlopMeter, type Tensor, fromArray, mul, pow, scalar, sum } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { adam, sgd } from '../optim/aliases.js';
import { masked } from '../optim/masked.js';
import { type GradientTransformation, chain } from '../optim/transform.js';
import { reduceOnPlateau } from '../schedules/reduce-on-plateau.js';
import { gradientStep } from './gradient-step.js';

const params = (...v: number[]) => new Params([{ name: 'w', shape: [v.length] }], Float32Array.from(v));
/** L(w) = Σ c·w², so ∂L/∂w = 2c·w. */
const quadratic = (p: Params) => (c: number) => ({ loss: sum(mul(mul(p.get('w'), p.get('w')), scalar(c))), aux: `c=${c}` });

describe('gradientStep', () => {
  it('takes one step of the chain: loss before the update, aux passed back, p ← p − lr·∂L/∂p', () => {
    const p = params(1, -2);
    const step = gradientStep(quadratic(p), { params: p, optimizer: sgd({ lr: 0.1 }) });
    const r = step(step.init(), 1);
    expect(r.applied).toBe(true);
    expect(r.loss).toBe(5);
    expect(r.aux).toBe('c=1');
    expect([...p.vector]).toEqual([Math.fround(1 - 0.1 * 2), Math.fround(-2 + 0.1 * 4)]);
    // the next call clears the gradient first: the second step sees only its own
    step(r.state, 1);
    expect([...p.grads]).toEqual([Math.fround(2 * 0.8), Math.fround(2 * -1.6)]);
  });

  it('refuses a non-finite loss or gradient norm and leaves the weights and the state as they were', () => {
    const p = params(1, 2);
    const opt = adam({ lr: 0.1 });
    const state = opt.init(2);
    const infinite = gradientStep(quadratic(p), { params: p, optimizer: opt });
    const r = infinite(state, Number.POSITIVE_INFINITY);
    expect(r).toMatchObject({
      applied: false,
      loss: Number.POSITIVE_INFINITY,
      divergence: { kind: 'loss', value: Number.POSITIVE_INFINITY },
    });
    expect(r.state).toBe(state);
    // √w at w = 0: a finite loss whose gradient is infinite
    const q = params(0, 1);
    const root = gradientStep(() => ({ loss: sum(pow(q.get('w'), scalar(0.5))), aux: null }), { params: q, optimizer: opt });
    expect(root(state, undefined)).toMatchObject({
      applied: false,
      loss: 1,
      divergence: { kind: 'gradient-norm', value: Number.POSITIVE_INFINITY },
    });
    expect([...q.vector]).toEqual([0, 1]);
  });

  it('guardOverflow refuses an update that would make a weight infinite', () => {
    const p = params(1, 0);
    const step = gradientStep(quadratic(p), { params: p, optimizer: sgd({ lr: 3e38 }), guardOverflow: true });
    const r = step(step.init(), 1);
    expect(r).toMatchObject({ applied: false, divergence: { kind: 'update', index: 0, value: Number.NEGATIVE_INFINITY } });
    expect([...p.vector]).toEqual([1, 0]);
  });

  it('inPlace gives the same bytes as the pure path, and the pure path never mutates the state it was given', () => {
    const run = (inPlace: boolean) => {
      const p = params(0.5, -1.5, 3);
      const step = gradientStep(quadratic(p), { params: p, optimizer: chain(adam({ lr: 0.05 }), reduceOnPlateau()), inPlace });
      let s = step.init();
      for (let t = 0; t < 5; t++) {
        const before = structuredClone(s);
        s = step(s, 1).state;
        if (!inPlace) expect(structuredClone(before)).toEqual(before);
      }
      return p.vector;
    };
    expect([...run(true)]).toEqual([...run(false)]);
  });

  it('charges the apply to the cost meter unless chargeApply is false', () => {
    const flops = (chargeApply: boolean) => {
      const p = params(1, 2, 3);
      const step = gradientStep(quadratic(p), { params: p, optimizer: sgd({ lr: 0.1 }), chargeApply });
      const meter = new FlopMeter();
      meter.measure(() => step(step.init(), 1));
      return meter.flops;
    };
    expect(flops(true) - flops(false)).toBe(3);
  });

  it('passes the extras to every link and hands each step its gradient for inspection', () => {
    const seen: unknown[] = [];
    const spy: GradientTransformation<null> = {
      init: () => null,
      update: (g, _s, _p, extras) => {
        seen.push(extras?.epoch);
        return [Float32Array.from(g, (v) => -v), null];
      },
    };
    const p = params(1, 1);
    const inspected: number[][] = [];
    const step = gradientStep(quadratic(p), {
      params: p,
      optimizer: masked(spy, Uint8Array.from([1, 0])),
      inspect: (g, u) => inspected.push([...g, ...u]),
    });
    step(step.init(), 1, { epoch: 4 });
    expect(seen).toEqual([4]);
    expect(inspected).toEqual([[2, 2, -2, 0]]);
    expect([...p.vector]).toEqual([-1, 1]);
  });

  it('reuses unchanged for any scalar objective, e.g. a REINFORCE surrogate −Σ log π(a)·G', () => {
    const p = params(0.2, 0.3);
    const returns: Tensor = fromArray([1, -1]);
    // log π is linear in w here, so the step is exactly lr·G
    const step = gradientStep((g: Tensor) => ({ loss: mul(sum(mul(p.get('w'), g)), scalar(-1)), aux: null }), {
      params: p,
      optimizer: sgd({ lr: 0.5 }),
    });
    step(step.init(), returns);
    const f = Math.fround;
    expect([...p.vector]).toEqual([f(f(0.2) + f(0.5)), f(f(0.3) - f(0.5))]);
  });
});
