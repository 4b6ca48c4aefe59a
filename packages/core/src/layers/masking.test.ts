import { Rng, Tensor, fromArray, noGrad, randn } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../metrics/evaluate.js';
import { accuracy } from '../metrics/metrics.js';
import { lossFor } from '../losses/loss-for.js';
import { maskedSoftmaxCrossEntropyFromLogits, softmaxCrossEntropyFromLogits } from '../losses/cross-entropy.js';
import { sequential } from '../model/sequential.js';
import { gradCheckModel } from '../testing/grad-check-model.js';
import { dense } from './dense.js';
import { embedding } from './normalization.js';
import { gru, lstm, simpleRnn } from './recurrent.js';

const rng = Rng.fromSeed(26);

describe('padding: embedding paddingIndex and recurrent mask', () => {
  it('the padding id embeds to zeros and its row gets no gradient (gradient-checked)', () => {
    const model = sequential([embedding(5, 3, { paddingIndex: 0 }), lstm(2, { mask: true })], { inputShape: [4], rng });
    const ids = fromArray([
      [1, 2, 0, 0],
      [3, 4, 4, 1],
    ]);
    const out = noGrad(() => sequential([embedding(5, 3, { paddingIndex: 0 })], { inputShape: [4], rng }).forward(ids));
    expect(out.data.subarray(6, 12).every((v) => v === 0)).toBe(true); // ±0
    expect(gradCheckModel(model, ids, { input: false }).ok).toBe(true);
  });

  it.each([
    ['simpleRnn', simpleRnn],
    ['lstm', lstm],
    ['gru', gru],
  ] as const)('%s with mask: a padded sequence gives what it gives alone, and the gradient checks', (_, cell) => {
    const model = sequential([cell(3, { mask: true, returnSequences: false }), dense(2)], { inputShape: [5, 2], rng });
    const x = randn([2, 5, 2], rng);
    x.data.fill(0, 6, 10); // row 0: steps 3 and 4 are padding
    const alone = new Tensor(x.data.slice(0, 6), [1, 3, 2]);
    const shortModel = sequential([cell(3, { mask: true }), dense(2)], { inputShape: [3, 2], rng });
    shortModel.params.vector.set(model.params.vector);
    const padded = noGrad(() => model.forward(x));
    const short = noGrad(() => shortModel.forward(alone));
    expect(Array.from(padded.data.subarray(0, 2))).toEqual(Array.from(short.data));
    // NOTE: input: false — nudging a padded (zero) input by eps makes it real, so the mask is not differentiable in x.
    expect(gradCheckModel(model, x, { input: false }).ok).toBe(true);
  });

  it('mask: leading padding leaves the zero start state (left-padded batches)', () => {
    const model = sequential([gru(2, { mask: true, returnSequences: true })], { inputShape: [3, 1], rng });
    const out = noGrad(() => model.forward(fromArray([[[0], [0], [1]]])));
    expect(Array.from(out.data.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(out.data[4]).not.toBe(0);
  });

  it('rejects a paddingIndex outside the vocabulary', () => {
    expect(() => embedding(5, 3, { paddingIndex: 5 })).toThrow(/embedding: expected a paddingIndex in 0\.\.4 \(inputDim 5\), got 5/);
  });
});

describe('masked-softmax-cross-entropy', () => {
  it('is the mean cross-entropy over the rows whose target is not 0', () => {
    const logits = randn([2, 3, 4], rng);
    const target = fromArray([
      [2, 1, 0],
      [3, 0, 0],
    ]);
    const masked = maskedSoftmaxCrossEntropyFromLogits(logits, target).item();
    const rows = [0, 1, 3].map((r) => new Tensor(logits.data.slice(r * 4, r * 4 + 4), [1, 4]));
    const each = rows.map((row, i) => softmaxCrossEntropyFromLogits(row, fromArray([[2, 1, 3][i] as number])).item());
    expect(masked).toBeCloseTo((each[0]! + each[1]! + each[2]!) / 3, 5);
    expect(lossFor('masked-softmax-cross-entropy')(logits, target).item()).toBe(masked);
  });

  it('accuracy and evaluateModel leave padding out, and weigh batches by real tokens', () => {
    const prediction = fromArray([
      [
        [0, 5, 0],
        [5, 0, 0],
      ],
    ]);
    expect(accuracy(prediction, fromArray([[1, 0]]), { ignoreClass: 0 })).toBe(1);
    expect(accuracy(prediction, fromArray([[1, 0]]))).toBe(1);
    expect(accuracy(prediction, fromArray([[2, 1]]), { ignoreClass: 0 })).toBe(0);
    const model = sequential([embedding(4, 3, { paddingIndex: 0 }), lstm(3, { returnSequences: true }), dense(4)], {
      inputShape: [3],
      rng,
    });
    const x = fromArray([
      [1, 2, 3],
      [1, 0, 0],
      [2, 3, 0],
    ]);
    const y = fromArray([
      [2, 3, 1],
      [1, 0, 0],
      [3, 1, 0],
    ]);
    const whole = noGrad(() => maskedSoftmaxCrossEntropyFromLogits(model.forward(x), y).item());
    const batched = evaluateModel(model, { x, y }, { loss: 'masked-softmax-cross-entropy', problem: 'classification' }, { batchSize: 2 });
    expect(batched.loss).toBeCloseTo(whole, 5);
  });
});
