import { describe, expect, it } from 'vitest';
import { adam } from './aliases.js';
import { clipByGlobalNorm, clipByValue, globalNorm } from './clip.js';
import { masked } from './masked.js';
import { addDecayedWeights, l1Penalty, l2Penalty } from './regularize.js';
import { scaleByLearningRate } from './scale.js';
import { type GradientTransformation, applyUpdates, chain, identity } from './transform.js';

const f32 = (...v: number[]) => Float32Array.from(v);
const once = (t: GradientTransformation<unknown>, g: Float32Array, p = new Float32Array(g.length)) => t.update(g, t.init(g.length), p)[0];

describe('gradient transforms', () => {
  it('clipByGlobalNorm rescales to the max norm and leaves small gradients alone', () => {
    const u = once(clipByGlobalNorm(1), f32(3, 4));
    expect([...u]).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(globalNorm(u)).toBeCloseTo(1, 6);
    expect([...once(clipByGlobalNorm(10), f32(3, 4))]).toEqual([3, 4]);
  });

  it('clipByValue clamps each value', () => {
    expect([...once(clipByValue(0.5), f32(-2, 0.1, 3))]).toEqual([-0.5, expect.closeTo(0.1, 6), 0.5]);
  });

  it('penalties add the penalty gradient: L2 λp, L1 λ·sign(p)', () => {
    const p = f32(2, -1, 0);
    expect([...once(l2Penalty(0.5), f32(1, 1, 1), p)]).toEqual([2, 0.5, 1]);
    expect([...once(l1Penalty(0.5), f32(1, 1, 1), p)]).toEqual([1.5, 0.5, 1]);
    expect([...once(addDecayedWeights(0.1), f32(0, 0, 0), p)]).toEqual([expect.closeTo(0.2, 6), expect.closeTo(-0.1, 6), 0]);
  });

  it('chain composes left to right and keeps one state per link', () => {
    const t = chain(clipByValue(1), scaleByLearningRate(0.1), identity());
    const s = t.init(2);
    expect(s).toHaveLength(3);
    const [u] = t.update(f32(5, -0.5), s, f32(0, 0));
    expect([...u]).toEqual([expect.closeTo(-0.1, 6), expect.closeTo(0.05, 6)]);
  });

  it('update is pure: state is not mutated, so structuredClone(state) is a checkpoint', () => {
    const opt = adam({ lr: 0.1 });
    let p: Float32Array = f32(1, 2, 3);
    let s = opt.init(3);
    const g = f32(0.5, -1, 2);
    for (let i = 0; i < 3; i++) [p, s] = [applyUpdates(p, opt.update(g, s, p)[0]), opt.update(g, s, p)[1]];
    const checkpoint = structuredClone(s);
    const before = JSON.stringify(checkpoint, (_k, v) => (v instanceof Float32Array ? [...v] : v));
    const [u1] = opt.update(g, s, p);
    const [u2] = opt.update(g, checkpoint, p);
    expect([...u1]).toEqual([...u2]);
    expect(JSON.stringify(s, (_k, v) => (v instanceof Float32Array ? [...v] : v))).toBe(before);
  });

  it('masked: frozen values never move and do not enter the inner state', () => {
    const mask = Uint8Array.from([1, 0, 1, 0]);
    const t = masked(chain(clipByGlobalNorm(1), adam({ lr: 0.1 })), mask);
    let p: Float32Array = f32(1, 1, 1, 1);
    let s = t.init(4);
    for (let i = 0; i < 5; i++) {
      const [u, next] = t.update(f32(3, 100, 4, -100), s, p);
      p = applyUpdates(p, u);
      s = next;
    }
    expect(p[1]).toBe(1);
    expect(p[3]).toBe(1);
    expect(p[0]).toBeLessThan(1);
    expect(p[2]).toBeLessThan(1);
    expect(() => t.init(3)).toThrow(/masked.init: expected a vector of the mask's length 4, got length 3/);
  });
});
