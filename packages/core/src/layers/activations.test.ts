import { Rng, fromArray, gradCheck, mul, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { activationFn, activationNames } from './activations.js';

const rng = Rng.fromSeed(11);

describe('activations', () => {
  it.each(activationNames)('%s passes the gradient check', (name) => {
    // scale away from relu's kink at 0 so finite differences are valid
    const x = mul(randn([3, 5], rng), 2);
    expect(gradCheck(activationFn(name), [x], { eps: 1e-3 }).ok).toBe(true);
  });

  it('reference values', () => {
    const x = fromArray([-2, -0.5, 0, 0.5, 2]);
    const close = (name: (typeof activationNames)[number], expected: number[]) =>
      Array.from(activationFn(name)(x).data).forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 5));
    close('sigmoid', [0.1192029, 0.3775407, 0.5, 0.6224593, 0.8807971]);
    close('leakyRelu', [-0.02, -0.005, 0, 0.5, 2]);
    close('elu', [-0.8646647, -0.3934693, 0, 0.5, 2]);
    // PyTorch gelu (exact, erf)
    close('gelu', [-0.0455003, -0.1542688, 0, 0.3457312, 1.9544997]);
  });

  it('sigmoid does not overflow for large |x| and softmax is stable', () => {
    expect(Array.from(activationFn('sigmoid')(fromArray([-1000, 1000])).data)).toEqual([0, 1]);
    const s = activationFn('softmax')(
      fromArray([
        [1000, 1000],
        [0, -1000],
      ]),
    );
    expect(Array.from(s.data)).toEqual([0.5, 0.5, 1, 0]);
  });
});
