import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { createTaskFromSpec } from '../registry/registry.js';
import { fromArrays } from './from-arrays.js';

const xs = Array.from({ length: 40 }, (_, i) => [i, (i * 7) % 11]);
const labels = xs.map(([a]) => ((a as number) % 2 === 0 ? 'even' : 'odd'));

const thrown = (f: () => unknown): DataError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
};

describe('fromArrays', () => {
  it('makes a classification task from rows and class names, stratified and seeded', () => {
    const task = fromArrays(xs, labels, { validation: 0.25, test: 0.25, seed: 3 });
    expect(task.kind).toBe('supervised');
    expect(task.problem).toBe('classification');
    expect(task.classNames).toEqual(['even', 'odd']);
    expect(task.outputSize).toBe(2);
    expect(task.inputShape).toEqual([2]);
    expect([task.train.x.shape, task.validation.x.shape, task.test.x.shape]).toEqual([
      [20, 2],
      [10, 2],
      [10, 2],
    ]);
    // Stratified: each held-out split keeps the 50/50 share.
    for (const split of [task.validation, task.test]) expect(Array.from(split.y.data).filter((c) => c === 1).length).toBe(5);
    // Every row lands in exactly one split.
    const firsts = [task.train, task.validation, task.test].flatMap((s) => Array.from(s.x.data).filter((_, k) => k % 2 === 0));
    expect(firsts.sort((a, b) => a - b)).toEqual(xs.map(([a]) => a));
    // Same seed ⇒ same split; another seed ⇒ another.
    expect(fromArrays(xs, labels, { validation: 0.25, test: 0.25, seed: 3 }).test.x.data).toEqual(task.test.x.data);
    expect(fromArrays(xs, labels, { validation: 0.25, test: 0.25, seed: 4 }).test.x.data).not.toEqual(task.test.x.data);
  });

  it('makes a regression task from a flat typed array and multi-output rows', () => {
    const inputs = Float32Array.from({ length: 30 }, (_, i) => i); // 10 rows of 3
    const targets = Array.from({ length: 10 }, (_, i) => [i, -i]);
    const task = fromArrays(inputs, targets, { problem: 'regression', validation: 0.2, test: 0, shuffle: false });
    expect(task.problem).toBe('regression');
    expect(task.loss).toBe('mse');
    expect(task.outputSize).toBe(2);
    expect(task.train.x.shape).toEqual([8, 3]);
    expect(task.train.y.shape).toEqual([8, 2]);
    expect(Array.from(task.validation.y.data)).toEqual([8, -8, 9, -9]); // no shuffle: the last rows
    expect(task.test).toBe(task.train); // fraction 0: the training rows
  });

  it('takes explicit held-out arrays and standardises with the training statistics only', () => {
    const task = fromArrays([[1], [2], [3]], [1, 2, 3], {
      problem: 'regression',
      validation: { inputs: [[100]], targets: [100] },
      test: 0,
      standardise: true,
    });
    expect(task.scaler?.shift[0]).toBeCloseTo(2);
    expect(task.validation.x.data[0]).toBeCloseTo((100 - 2) / Math.sqrt(2 / 3), 4);
    expect(Array.from(task.train.x.data).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
  });

  it('keeps numeric class indices and image shapes', () => {
    const task = fromArrays(new Float64Array(5 * 4), [0, 1, 2, 1, 0], {
      problem: 'classification',
      inputShape: [1, 2, 2],
      validation: 0,
      test: 0,
      classes: 4,
    });
    expect(task.train.x.shape).toEqual([5, 1, 2, 2]);
    expect(task.outputSize).toBe(4);
    expect(task.classNames).toBeUndefined();
  });

  it('rebuilds the same task from its spec (what evolution worker threads do)', () => {
    const task = fromArrays(xs, labels, { seed: 9, standardise: true });
    const again = createTaskFromSpec(structuredClone(task.spec));
    expect(again.kind === 'supervised' && again.train.x.data).toEqual(task.train.x.data);
    expect(again.kind === 'supervised' && again.test.y.data).toEqual(task.test.y.data);
    const reg = fromArrays(new Float32Array(20), new Float32Array(20).fill(1), { problem: 'regression', inputShape: [2], seed: 2 });
    const regAgain = createTaskFromSpec(structuredClone(reg.spec));
    expect(regAgain.kind === 'supervised' && regAgain.validation.y.shape).toEqual(reg.validation.y.shape);
  });

  it('names the row and column of bad values', () => {
    const nan = thrown(() =>
      fromArrays(
        [
          [1, 2],
          [3, Number.NaN],
        ],
        [0, 1],
        { problem: 'classification', validation: 0, test: 0 },
      ),
    );
    expect(nan.message).toBe('fromArrays inputs (row 1, column 1): expected a finite number, got NaN');
    expect(nan.at).toEqual({ row: 1, rowLabel: 'row', column: 1 });
    expect(thrown(() => fromArrays([[1, 2], [3]], [0, 1], { problem: 'classification' })).message).toBe(
      'fromArrays inputs (row 1): expected 2 values (as in row 0), got 1',
    );
    expect(thrown(() => fromArrays([[1], [2], [3]], [0, 1], { problem: 'classification' })).message).toBe(
      'fromArrays targets: expected 3 targets (one per input row), got 2',
    );
    expect(thrown(() => fromArrays([[1], [2]], [0, 2.5], { problem: 'classification' })).message).toBe(
      'fromArrays targets (row 1): expected a class index (an integer ≥ 0) or a class name, got 2.5',
    );
    expect(thrown(() => fromArrays([[1], [2]], [0, 3], { problem: 'classification', classes: 3 })).message).toBe(
      'fromArrays targets (row 1): expected a class index in [0, 3), got 3',
    );
    expect(thrown(() => fromArrays([[1], [2]], [1, 1], { problem: 'regression' }).train).message).toContain('validation fraction of 0.2');
    expect(thrown(() => fromArrays([[1], [2]], [0, 0], { problem: 'classification', validation: 0, test: 0 })).message).toBe(
      'fromArrays targets: expected at least 2 classes, got 1',
    );
    // @ts-expect-error numeric targets need `problem` (the type says so too)
    expect(thrown(() => fromArrays([[1], [2]], [1, 2])).message).toBe(
      "fromArrays options (column 'problem'): expected 'classification' or 'regression' for numeric targets, got nothing",
    );
    expect(thrown(() => fromArrays([[1], [2]], ['a', 'b'], { validation: 0, test: { inputs: [[1, 2]], targets: ['a'] } })).message).toBe(
      'fromArrays test.inputs: expected 1 values per row (as in training), got 2',
    );
    expect(thrown(() => fromArrays([[1], [2]], ['a', 'b'], { validation: 0, test: { inputs: [[1]], targets: ['c'] } })).message).toBe(
      "fromArrays test.targets (row 0): expected a class name (one of 'a', 'b'), got 'c'",
    );
  });
});
