import { describe, expect, it } from 'vitest';
import { onBackend, testBackends } from '../testing-fixtures/backends.js';
import { FlopMeter } from '../cost/flop-meter.js';
import { fromArray, randn } from '../create.js';
import { Rng } from '../rng/rng.js';
import type { Tensor } from '../tensor.js';
import { add, maximum, pow } from './arithmetic.js';
import { matmul } from './matmul.js';
import { greater } from './compare.js';
import { clamp } from './clamp.js';
import { concat, stack } from './concat.js';
import { dropout } from './dropout.js';
import { gather, oneHot } from './gather.js';
import { logsumexp } from './logsumexp.js';
import { pad } from './pad.js';
import { permute, transpose } from './permute.js';
import { argmax, argmin, max, min, sum } from './reduce.js';
import { broadcastTo, squeeze, unsqueeze } from './reshape.js';
import { slice, split } from './slice.js';
import { std, variance } from './variance.js';
import { logSoftmax, softmax } from './softmax.js';
import { abs, elu, gelu, leakyRelu, sigmoid, softplus, sqrt, square } from './unary.js';
import { where } from './where.js';

const close = (t: Tensor, expected: number[], digits = 5) => {
  expect(t.dataSync().length).toBe(expected.length);
  t.dataSync().forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, digits));
};

describe.each(testBackends())('on the %s backend', (_, backend) => {
  onBackend(backend);

  describe('forward values against hand-computed references', () => {
    it('activations', () => {
      const x = fromArray([-2, -0.5, 0, 1, 3]);
      close(sigmoid(x), [0.11920292, 0.37754067, 0.5, 0.73105858, 0.95257413]);
      close(leakyRelu(x, 0.1), [-0.2, -0.05, 0, 1, 3]);
      close(elu(x), [Math.expm1(-2), Math.expm1(-0.5), 0, 1, 3]);
      // torch.nn.functional.gelu(torch.tensor([-2., -0.5, 0., 1., 3.]))
      close(gelu(x), [-0.04550026, -0.15426877, 0, 0.84134475, 2.99595031]);
      close(gelu(x, { approximate: 'tanh' }), [-0.04540231, -0.15428599, 0, 0.84119199, 2.99636261]);
      close(softplus(fromArray([-100, 0, 100])), [0, Math.LN2, 100]);
      close(sigmoid(fromArray([-200, 200])), [0, 1]);
      close(abs(x), [2, 0.5, 0, 1, 3]);
      close(square(x), [4, 0.25, 0, 1, 9]);
      close(sqrt(fromArray([4, 9])), [2, 3]);
      close(pow(fromArray([2, 3]), 2), [4, 9]);
      close(clamp(x, { min: -1, max: 1 }), [-1, -0.5, 0, 1, 1]);
    });

    it('softmax and logSoftmax are stable for huge logits', () => {
      const x = fromArray([
        [1000, 1001, 1002],
        [-5, 0, 5],
      ]);
      const s = softmax(x);
      close(s, [0.09003057, 0.24472847, 0.66524096, 4.509e-5, 0.00669255, 0.99326236]);
      close(logSoftmax(x), Array.from(s.dataSync(), Math.log), 4);
      close(
        softmax(
          fromArray([
            [1, 2],
            [3, 5],
          ]),
          0,
        ),
        [0.11920292, 0.04742587, 0.88079708, 0.95257413],
      );
      close(logsumexp(x, { axis: 1 }), [1002.40760596, 5.00671535], 3);
      close(logsumexp(fromArray([-Infinity, -Infinity])), [-Infinity]);
    });

    it('reductions, argmax and argmin', () => {
      const x = fromArray([
        [3, 7, 1],
        [9, 2, 9],
      ]);
      close(max(x, { axis: 1 }), [7, 9]);
      close(min(x, { axis: 0 }), [3, 2, 1]);
      expect(max(x, { axis: 1, keepdims: true }).shape).toEqual([2, 1]);
      close(argmax(x, { axis: 1 }), [1, 0]);
      close(argmin(x, { axis: 0 }), [0, 1, 0]);
      close(argmax(x), [3]);
      close(
        sum(
          fromArray([
            [
              [1, 2],
              [3, 4],
            ],
            [
              [5, 6],
              [7, 8],
            ],
          ]),
          { axis: [0, 2] },
        ),
        [14, 22],
      );
    });

    it('shape ops move the right elements', () => {
      const x = fromArray([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(transpose(x).toArray()).toEqual([
        [1, 4],
        [2, 5],
        [3, 6],
      ]);
      expect(permute(fromArray([[[1, 2]], [[3, 4]]]), [2, 0, 1]).toArray()).toEqual([
        [[1], [3]],
        [[2], [4]],
      ]);
      expect(slice(x, [0, 1], [-1, 2]).toArray()).toEqual([
        [2, 3],
        [5, 6],
      ]);
      expect(slice(x, [-1]).toArray()).toEqual([[4, 5, 6]]);
      expect(concat([x, fromArray([[7, 8, 9]])]).toArray()).toEqual([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]);
      expect(stack([fromArray([1, 2]), fromArray([3, 4])], 1).toArray()).toEqual([
        [1, 3],
        [2, 4],
      ]);
      expect(
        pad(
          fromArray([[1]]),
          [
            [1, 0],
            [0, 2],
          ],
          9,
        ).toArray(),
      ).toEqual([
        [9, 9, 9],
        [1, 9, 9],
      ]);
      expect(gather(x, [2, 0], 1).toArray()).toEqual([
        [3, 1],
        [6, 4],
      ]);
      expect(gather(x, fromArray([[1], [0]]), 0).shape).toEqual([2, 1, 3]);
      expect(oneHot([2, 0], 3).toArray()).toEqual([
        [0, 0, 1],
        [1, 0, 0],
      ]);
      expect(squeeze(unsqueeze(x, 0)).shape).toEqual([2, 3]);
      expect(broadcastTo(fromArray([1, 2]), [2, 2]).toArray()).toEqual([
        [1, 2],
        [1, 2],
      ]);
      expect(where(greater(x, 3), x, 0).toArray()).toEqual([
        [0, 0, 0],
        [4, 5, 6],
      ]);
      expect(maximum(x, fromArray([[2], [5]])).toArray()).toEqual([
        [2, 2, 3],
        [5, 5, 6],
      ]);
    });

    it('dropout keeps the expectation, is seeded, and is the identity in eval', () => {
      const x = fromArray(new Float32Array(10_000).fill(1), [10_000]);
      const a = dropout(x, 0.3, Rng.fromSeed(5));
      const b = dropout(x, 0.3, Rng.fromSeed(5));
      expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
      const kept = a.dataSync().filter((v) => v !== 0).length / 10_000;
      expect(kept).toBeGreaterThan(0.68);
      expect(kept).toBeLessThan(0.72);
      expect(sum(a).item() / 10_000).toBeCloseTo(1, 1);
      expect(dropout(x, 0.3, Rng.fromSeed(5), false)).toBe(x);
    });

    it('variance, std and split', () => {
      const x = fromArray([
        [1, 2, 3, 4],
        [2, 2, 2, 2],
      ]);
      close(variance(x, { axis: 1 }), [1.25, 0]);
      close(std(x, { axis: 1, correction: 1 }), [Math.sqrt(5 / 3), 0]);
      const [a, b] = split(x, [1, 3], 1) as [Tensor, Tensor];
      expect(a.toArray()).toEqual([[1], [2]]);
      expect(b.toArray()).toEqual([
        [2, 3, 4],
        [2, 2, 2],
      ]);
      expect(split(x, 2, 0).map((t) => t.shape)).toEqual([
        [1, 4],
        [1, 4],
      ]);
      expect(() => split(x, 3, 1)).toThrow(/split: expected a section count dividing the axis length 4/);
    });

    it('kernels charge FLOPs to the active meter', () => {
      const rng = Rng.fromSeed(1);
      const meter = new FlopMeter();
      const [a, b, w] = [randn([4, 6], rng), randn([6], rng), randn([6, 5], rng)];
      meter.measure(() => add(a, b));
      expect(meter.flops).toBe(24);
      meter.measure(() => sum(a));
      expect(meter.flops).toBe(48);
      meter.measure(() => matmul(a, w));
      expect(meter.flops).toBe(48 + 2 * 4 * 6 * 5);
    });
  });
});
