import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { batchNorm } from '../layers/normalization.js';
import { sequential } from './sequential.js';
import { transferWeights } from './transfer-weights.js';

describe('transferWeights', () => {
  it('copies matching names and shapes, reports the rest', () => {
    const source = sequential([dense(4), batchNorm(), dense(3)], { inputShape: [2], rng: Rng.fromSeed(1) });
    source.buffers?.vector.fill(0.5);
    const target = sequential([dense(4), batchNorm(), dense(5)], { inputShape: [2], rng: Rng.fromSeed(2) });
    const report = transferWeights(source, target);
    expect(report.copied).toEqual([
      'dense1.weight',
      'dense1.bias',
      'batchNorm1.gamma',
      'batchNorm1.beta',
      'batchNorm1.runningMean',
      'batchNorm1.runningVar',
    ]);
    expect(report.skipped).toEqual([
      { name: 'dense2.weight', why: 'shape [4, 3] in the source, [4, 5] in the target' },
      { name: 'dense2.bias', why: 'shape [3] in the source, [5] in the target' },
    ]);
    expect(target.params.get('dense1.weight').data).toEqual(source.params.get('dense1.weight').data);
    expect(target.buffers?.vector.every((v) => v === 0.5)).toBe(true);
    const none = transferWeights(source, target, { include: (n) => n.startsWith('dense2') });
    expect(none.copied).toEqual([]);
  });
});
