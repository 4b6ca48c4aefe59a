import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { cosineWithWarmup } from '../schedules/schedule.js';
import { adagrad, adam, adamw, momentum, nesterov, sgd } from './aliases.js';
import { clipByGlobalNorm } from './clip.js';
import { masked } from './masked.js';
import { type GradientTransformation, chain } from './transform.js';

const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

/** Run `steps` updates on random gradients through `update` and through `updateInPlace`. */
function bothPaths(t: GradientTransformation<unknown>, n = 37, steps = 5) {
  const rng = Rng.fromSeed(3);
  const grads = Array.from({ length: steps }, () => Float32Array.from({ length: n }, () => rng.normal() * 3));
  const params = Float32Array.from({ length: n }, () => rng.normal());
  let pure = t.init(n);
  let fast = t.init(n);
  const pureOut: string[] = [];
  const fastOut: string[] = [];
  for (const g of grads) {
    const before = JSON.stringify(pure, (_k, v) => (v instanceof Float32Array ? bytes(v) : v));
    const [u, next] = t.update(g, pure, params);
    // the pure path must leave its inputs alone
    expect(JSON.stringify(pure, (_k, v) => (v instanceof Float32Array ? bytes(v) : v))).toBe(before);
    pure = next;
    pureOut.push(bytes(u));
    const scratch = Float32Array.from(g);
    fast = (t.updateInPlace as NonNullable<typeof t.updateInPlace>)(scratch, fast, params);
    fastOut.push(bytes(scratch));
  }
  return { pureOut, fastOut };
}

describe('updateInPlace', () => {
  const cases: [string, GradientTransformation<unknown>][] = [
    ['sgd', sgd({ lr: 0.1 })],
    ['momentum', momentum({ lr: 0.1, momentum: 0.9, l2: 1e-3 })],
    ['nesterov', nesterov({ lr: 0.1 })],
    ['adam with a schedule', adam({ lr: cosineWithWarmup({ peak: 1e-2, warmupSteps: 2, decaySteps: 10 }) })],
    ['adamw', adamw({ lr: 1e-3, weightDecay: 0.1 })],
    ['clip + adam', chain(clipByGlobalNorm(1), adam({ lr: 1e-3 }))],
    ['masked adam (nothing frozen)', masked(adam({ lr: 1e-3 }), new Uint8Array(37).fill(1))],
  ];
  for (const [name, t] of cases) {
    it(`${name}: gives bit-identical updates to the pure path`, () => {
      expect(t.updateInPlace).toBeTypeOf('function');
      const { pureOut, fastOut } = bothPaths(t);
      expect(fastOut).toEqual(pureOut);
    });
  }

  it('is absent where a link has no fast path, so callers fall back to update', () => {
    expect(adagrad({ lr: 0.1 }).updateInPlace).toBeUndefined();
    const frozen = new Uint8Array(37).fill(1);
    frozen[0] = 0;
    expect(masked(adam({ lr: 1e-3 }), frozen).updateInPlace).toBeUndefined();
  });
});
