import { describe, expect, it } from 'vitest';
import { onBackend, testBackends } from './testing-fixtures/backends.js';
import { backward, isGradEnabled, noGrad } from './autograd.js';
import { randn } from './create.js';
import { add, mul } from './ops/arithmetic.js';
import { conv2d } from './ops/conv2d.js';
import { dropout } from './ops/dropout.js';
import { oneHot } from './ops/gather.js';
import { matmul } from './ops/matmul.js';
import { maxPool2d } from './ops/pool.js';
import { mean, sum } from './ops/reduce.js';
import { flatten } from './ops/reshape.js';
import { logSoftmax } from './ops/softmax.js';
import { gelu, relu } from './ops/unary.js';
import { Rng } from './rng/rng.js';
import type { Tensor } from './tensor.js';

/** A small CNN step: forward, cross-entropy, backward. Returns the loss and every gradient. */
function step(seed: number, exactGelu: boolean) {
  const rng = Rng.fromSeed(seed);
  const init = rng.fork('init');
  const x = randn([4, 2, 6, 6], rng.fork('data'));
  const w1 = randn([3, 2, 3, 3], init, 0, 0.5).requireGrad();
  const b1 = randn([3], init, 0, 0.1).requireGrad();
  const w2 = randn([27, 5], init, 0, 0.3).requireGrad();
  const h = maxPool2d(relu(conv2d(x, w1, { padding: 1, bias: b1 })), { kernelSize: 2 });
  const z = dropout(gelu(matmul(flatten(h), w2), exactGelu ? {} : { approximate: 'tanh' }), 0.2, rng.fork('dropout'));
  const loss = mean(sum(mul(logSoftmax(z), oneHot([0, 1, 2, 3], 5)), { axis: 1 }));
  backward(loss);
  return [loss, w1.grad, b1.grad, w2.grad].map((t) => Buffer.from((t as Tensor).dataSync().buffer));
}

describe.each(testBackends())('on the %s backend', (_, backend) => {
  onBackend(backend);

  describe('determinism', () => {
    it('same seed ⇒ identical bytes for loss and every gradient; another seed differs', () => {
      // A backend of forward kernels only has no exact-GELU derivative (it needs erf).
      const exact = backend.unaryBackward !== undefined;
      const a = step(1, exact);
      const b = step(1, exact);
      const c = step(2, exact);
      a.forEach((buf, i) => expect(buf.equals(b[i] as Buffer)).toBe(true));
      expect(a[0]?.equals(c[0] as Buffer)).toBe(false);
    });
  });

  describe('noGrad', () => {
    it('records no graph: results are plain leaves and backward leaves .grad untouched', () => {
      const w = randn([3, 3], Rng.fromSeed(1)).requireGrad();
      const x = randn([2, 3], Rng.fromSeed(2));
      const out = noGrad(() => {
        expect(isGradEnabled()).toBe(false);
        const h = relu(add(matmul(x, w), 1));
        expect(h.gradNode).toBeNull();
        expect(h.requiresGrad).toBe(false);
        return sum(h);
      });
      expect(out.gradNode).toBeNull();
      backward(out);
      expect(w.grad).toBeNull();
      expect(isGradEnabled()).toBe(true);
    });

    it('restores grad mode after a throw and when nested', () => {
      expect(() =>
        noGrad(() => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(isGradEnabled()).toBe(true);
      noGrad(() => noGrad(() => undefined));
      expect(isGradEnabled()).toBe(true);
    });

    it('with grad on, the same expression records the graph', () => {
      const w = randn([3, 3], Rng.fromSeed(1)).requireGrad();
      const out = sum(relu(matmul(randn([2, 3], Rng.fromSeed(2)), w)));
      expect(out.gradNode?.op).toBe('sum');
      backward(out);
      expect(w.grad?.shape).toEqual([3, 3]);
    });
  });
});
