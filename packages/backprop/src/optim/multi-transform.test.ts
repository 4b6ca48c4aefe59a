import { describe, expect, it } from 'vitest';
import { adam, sgd } from './aliases.js';
import { clipByGlobalNorm } from './clip.js';
import { multiTransform } from './multi-transform.js';
import { scale } from './scale.js';
import { chain, identity } from './transform.js';

const f32 = (...v: number[]) => Float32Array.from(v);

describe('multiTransform', () => {
  it('runs each label its own transform on its own values (per-group learning rates)', () => {
    const t = chain(sgd({ lr: 1 }), multiTransform({ slow: scale(0.25), fast: identity() }, ['slow', 'fast', 'slow']));
    const [u] = t.update(f32(4, 4, -8), t.init(3), f32(0, 0, 0));
    expect([...u]).toEqual([-1, -4, 2]);
  });

  it('gives each group a compacted state and a norm of its own, like separate optimizers', () => {
    const t = multiTransform({ a: chain(clipByGlobalNorm(1), sgd({ lr: 1 })), b: adam({ lr: 0.1 }) }, ['a', 'b', 'a']);
    const s = t.init(3);
    const adamAlone = adam({ lr: 0.1 });
    const [u, next] = t.update(f32(3, 7, 4), s, f32(0, 0, 0));
    const [ub] = adamAlone.update(f32(7), adamAlone.init(1), f32(0));
    // group a: (3, 4) clipped to norm 1 on its own, ignoring b's 7
    expect([u[0], u[2]]).toEqual([Math.fround(-0.6), Math.fround(-0.8)]);
    expect(u[1]).toBe(ub[0]);
    expect(structuredClone(next)).toEqual(next);
    expect(((next.inner.b as unknown[])[0] as { mu: Float32Array }).mu).toHaveLength(1);
  });

  it('names a label without a transform and a vector of the wrong length', () => {
    expect(() => multiTransform({ a: identity() }, ['a', 'c'])).toThrow(
      /multiTransform: expected a transform for every label \(a\), got label 'c' at 1/,
    );
    expect(() => multiTransform({ a: identity() }, ['a']).init(2)).toThrow(/expected a vector of the labels' length 1, got length 2/);
  });
});
