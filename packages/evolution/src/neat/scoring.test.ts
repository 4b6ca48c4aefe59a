import { fromArray } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { accuracyFitness, paperErrorFitness } from './scoring.js';

describe('accuracyFitness', () => {
  it('breaks ties between equal accuracies by likelihood', () => {
    expect(accuracyFitness(0.75, 0.4, 4)).toBeGreaterThan(accuracyFitness(0.75, 0.9, 4));
  });

  it('never lets confidence outweigh one more correct row', () => {
    // The most confident genome possible at 3 of 4 rows against the least confident at 4 of 4.
    expect(accuracyFitness(1, 50, 4)).toBeGreaterThan(accuracyFitness(0.75, 0, 4));
  });

  it('is −loss when the task has no accuracy (regression)', () => {
    expect(accuracyFitness(undefined, 0.3, 4)).toBe(-0.3);
  });
});

describe('paperErrorFitness', () => {
  it("is the paper's (4 − Σ|error|)² for one output (p. 112)", () => {
    const out = fromArray([[0.1], [0.8], [0.7], [0.2]]);
    const y = fromArray([[0], [1], [1], [0]]);
    expect(paperErrorFitness(out, y)).toBeCloseTo((4 - (0.1 + 0.2 + 0.3 + 0.2)) ** 2, 5);
  });

  it('reads class labels as one-hot rows', () => {
    const out = fromArray([
      [0.9, 0.2],
      [0.3, 0.6],
    ]);
    const y = fromArray([0, 1]);
    // |0.9 − 1| + |0.2 − 0| + |0.3 − 0| + |0.6 − 1| = 1.0 over S = 4 targets.
    expect(paperErrorFitness(out, y)).toBeCloseTo(9, 5);
  });

  it('is 16 exactly when every XOR output is exact', () => {
    const exact = fromArray([[0], [1], [1], [0]]);
    expect(paperErrorFitness(exact, exact)).toBe(16);
  });
});
