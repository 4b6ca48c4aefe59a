import { describe, expect, it } from 'vitest';
import { onBackend, testBackends } from '../testing-fixtures/backends.js';
import { backward } from '../autograd.js';
import { fromArray, randn } from '../create.js';
import { gradCheck } from '../grad-check.js';
import { Rng } from '../rng/rng.js';
import type { Tensor } from '../tensor.js';
import { add, div, mul, sub } from './arithmetic.js';
import { matmul } from './matmul.js';
import { mean, sum } from './reduce.js';
import { exp, relu, tanh } from './unary.js';

const rng = Rng.fromSeed(0);

describe.each(testBackends())('on the %s backend', (_, backend) => {
  onBackend(backend);

  describe('core ops', () => {
    it('broadcast add/mul values', () => {
      const a = fromArray([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const b = fromArray([10, 20, 30]);
      expect(add(a, b).toArray()).toEqual([
        [11, 22, 33],
        [14, 25, 36],
      ]);
      expect(mul(a, fromArray([[2], [3]])).toArray()).toEqual([
        [2, 4, 6],
        [12, 15, 18],
      ]);
    });

    it('a tensor used twice accumulates both paths', () => {
      const w = fromArray([1, 2, 3]).requireGrad();
      backward(sum(add(mul(w, w), w)));
      expect(Array.from(w.grad?.dataSync() ?? [])).toEqual([3, 5, 7]);
    });

    it.each([
      ['add', (a: Tensor, b: Tensor) => add(a, b), [3, 4], [4]],
      ['sub', (a: Tensor, b: Tensor) => sub(a, b), [2, 3, 4], [3, 1]],
      ['mul', (a: Tensor, b: Tensor) => mul(a, b), [3, 1], [1, 4]],
      ['div', (a: Tensor, b: Tensor) => add(div(a, b), 0), [3, 4], [4]],
      ['matmul', (a: Tensor, b: Tensor) => matmul(a, b), [3, 5], [5, 2]],
    ] as const)('gradCheck %s', (_, fn, sa, sb) => {
      const a = randn(sa, rng);
      const b = add(randn(sb, rng), 3); // keep div away from 0
      expect(gradCheck(fn, [a, b]).ok).toBe(true);
    });

    it.each([
      ['exp', exp],
      ['tanh', tanh],
      ['relu', relu],
      ['sum axis', (x: Tensor) => sum(x, { axis: 1 })],
      ['mean keepdims', (x: Tensor) => mean(x, { axis: [0, 2], keepdims: true })],
    ] as const)('gradCheck %s', (_, fn) => {
      expect(gradCheck(fn, [randn([2, 3, 4], rng)]).ok).toBe(true);
    });

    it('matmul rejects mismatched shapes naming both', () => {
      expect(() => matmul(randn([2, 3], rng), randn([4, 2], rng))).toThrow(/matmul: expected .*got \[2, 3\] and \[4, 2\]/);
    });
  });
});
