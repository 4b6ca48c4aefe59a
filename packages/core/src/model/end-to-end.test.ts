import { Rng, backward, fromArray, uniform } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { activation } from '../layers/activations.js';
import { conv2dLayer } from '../layers/conv2d.js';
import { dense } from '../layers/dense.js';
import { maxPool2dLayer } from '../layers/pool.js';
import { flattenLayer } from '../layers/shape-layers.js';
import { softmaxCrossEntropyFromLogits } from '../losses/cross-entropy.js';
import { accuracy } from '../metrics/metrics.js';
import type { Model } from './model.js';
import { sequential } from './sequential.js';

/** A plain Adam loop over the flat vector, written here so the test depends on nothing but core. */
function adamSteps(model: Model, steps: number, lr: number, loss: () => ReturnType<typeof softmaxCrossEntropyFromLogits>): number {
  const p = model.params;
  const m = new Float64Array(p.size);
  const v = new Float64Array(p.size);
  let last = Number.NaN;
  for (let t = 1; t <= steps; t++) {
    p.zeroGrad();
    const l = loss();
    last = l.item();
    backward(l);
    for (let i = 0; i < p.size; i++) {
      const g = p.grads[i] as number;
      m[i] = 0.9 * (m[i] as number) + 0.1 * g;
      v[i] = 0.999 * (v[i] as number) + 0.001 * g * g;
      const mh = (m[i] as number) / (1 - 0.9 ** t);
      const vh = (v[i] as number) / (1 - 0.999 ** t);
      p.vector[i] = (p.vector[i] as number) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return last;
}

describe('end to end', () => {
  it('a small conv net overfits 64 random MNIST-shaped images (conv, pooling and backward work)', () => {
    const rng = Rng.fromSeed(2024);
    const x = uniform([64, 1, 28, 28], rng.fork('x'));
    const labelRng = rng.fork('y');
    const y = fromArray(Array.from({ length: 64 }, () => labelRng.int(0, 10)));
    const model = sequential([conv2dLayer(4, 3, { stride: 2 }), activation('relu'), maxPool2dLayer(2), flattenLayer(), dense(10)], {
      inputShape: [1, 28, 28],
      rng: rng.fork('init'),
    });
    const initial = softmaxCrossEntropyFromLogits(model.forward(x), y).item();
    const final = adamSteps(model, 120, 0.01, () => softmaxCrossEntropyFromLogits(model.forward(x, 'train'), y));
    expect(initial).toBeGreaterThan(1.5);
    expect(final).toBeLessThan(0.05);
    expect(accuracy(model.forward(x), y)).toBe(1);
  });
});
