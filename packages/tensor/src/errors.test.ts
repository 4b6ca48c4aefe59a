import { describe, expect, it } from 'vitest';
import { backward } from './autograd.js';
import { arange, fromArray, randn, zeros } from './create.js';
import { ShapeError, TensorError, ValueError } from './errors.js';
import { add, mul } from './ops/arithmetic.js';
import { clamp } from './ops/clamp.js';
import { concat, stack } from './ops/concat.js';
import { conv2d } from './ops/conv2d.js';
import { dropout } from './ops/dropout.js';
import { gather, oneHot } from './ops/gather.js';
import { matmul } from './ops/matmul.js';
import { pad } from './ops/pad.js';
import { permute, transpose } from './ops/permute.js';
import { avgPool2d, maxPool2d } from './ops/pool.js';
import { argmax, sum } from './ops/reduce.js';
import { reshape, squeeze } from './ops/reshape.js';
import { slice } from './ops/slice.js';
import { softmax } from './ops/softmax.js';
import { elu, leakyRelu } from './ops/unary.js';
import { Rng } from './rng/rng.js';

const rng = Rng.fromSeed('errors');
const t = (...shape: number[]) => randn(shape, rng);

type Case = [string, () => unknown, typeof ShapeError | typeof ValueError, string, RegExp, RegExp];

// Each case: the call, the typed error, the op named in the message, and patterns for the
// expected and the actual value that the message must contain.
const cases: Case[] = [
  ['add shape mismatch', () => add(t(2, 3), t(4)), ShapeError, 'add', /broadcast/, /\[2, 3\] and \[4\]/],
  ['mul shape mismatch', () => mul(t(3, 2), t(3, 3)), ShapeError, 'mul', /broadcast/, /\[3, 2\] and \[3, 3\]/],
  ['matmul inner mismatch', () => matmul(t(2, 3), t(4, 2)), ShapeError, 'matmul', /k = 3/, /\[2, 3\] and \[4, 2\]/],
  ['matmul batch mismatch', () => matmul(t(2, 2, 3), t(3, 3, 2)), ShapeError, 'matmul', /broadcast/, /\[2\] and \[3\]/],
  ['matmul scalar', () => matmul(fromArray(1), t(2)), ShapeError, 'matmul', /rank ≥ 1/, /\[\] and \[2\]/],
  ['sum bad axis', () => sum(t(2, 3), { axis: 2 }), ShapeError, 'sum', /axis in \[-2, 1\]/, /^2$/],
  ['softmax bad axis', () => softmax(t(2, 3), -3), ShapeError, 'softmax', /axis in \[-2, 1\]/, /^-3$/],
  ['argmax bad axis', () => argmax(t(4), { axis: 1 }), ShapeError, 'argmax', /axis in \[-1, 0\]/, /^1$/],
  ['reshape size', () => reshape(t(2, 3), [4, 2]), ShapeError, 'reshape', /6 elements/, /\[4, 2\] with 8/],
  ['squeeze non-1 axis', () => squeeze(t(2, 3), 0), ShapeError, 'squeeze', /size 1 on axis 0/, /size 2/],
  ['permute not a permutation', () => permute(t(2, 3), [0, 0]), ShapeError, 'permute', /permutation of the 2 axes/, /\[0, 0\]/],
  ['transpose rank 1', () => transpose(t(3)), ShapeError, 'transpose', /rank ≥ 2/, /rank 1/],
  ['slice out of range', () => slice(t(2, 3), [0, 2], [1, 2]), ShapeError, 'slice', /inside \[2, 3\] on axis 1/, /begin 2, size 2/],
  ['concat mismatch', () => concat([t(2, 3), t(3, 3)], 1), ShapeError, 'concat', /matching \[2, 3\] except on axis 1/, /\[3, 3\]/],
  ['stack mismatch', () => stack([t(2), t(3)]), ShapeError, 'stack', /equal to \[2\]/, /\[3\]/],
  ['pad wrong rank', () => pad(t(2, 3), [[1, 1]]), ShapeError, 'pad', /2 \[before, after\] pairs/, /1 pairs/],
  ['pad negative', () => pad(t(2), [[-1, 0]]), ValueError, 'pad', /non-negative integer/, /\[-1, 0\]/],
  ['gather index out of range', () => gather(t(3, 2), [0, 3]), ValueError, 'gather', /\[0, 2\]/, /3 at position 1/],
  ['oneHot non-integer index', () => oneHot([0.5], 3), ValueError, 'oneHot', /integer indices/, /0\.5/],
  ['conv2d wrong rank', () => conv2d(t(3, 8, 8), t(4, 3, 3, 3)), ShapeError, 'conv2d', /NCHW input of rank 4/, /rank 3 \[3, 8, 8\]/],
  ['conv2d channels', () => conv2d(t(1, 3, 8, 8), t(4, 2, 3, 3)), ShapeError, 'conv2d', /weight \[4, 3, kH, kW\]/, /\[4, 2, 3, 3\]/],
  ['conv2d groups', () => conv2d(t(1, 3, 8, 8), t(4, 1, 3, 3), { groups: 2 }), ShapeError, 'conv2d', /groups dividing/, /groups=2/],
  ['conv2d kernel too big', () => conv2d(t(1, 1, 2, 2), t(1, 1, 3, 3)), ShapeError, 'conv2d', /dilated kernel \[3, 3\]/, /\[1, 1, 2, 2\]/],
  ['conv2d bad stride', () => conv2d(t(1, 1, 4, 4), t(1, 1, 3, 3), { stride: 0 }), ValueError, 'conv2d', /stride as integer/, /0/],
  [
    'maxPool2d padding',
    () => maxPool2d(t(1, 1, 4, 4), { kernelSize: 2, padding: 2 }),
    ValueError,
    'maxPool2d',
    /half the kernel/,
    /\[2,2\]/,
  ],
  ['avgPool2d rank', () => avgPool2d(t(4, 4), { kernelSize: 2 }), ShapeError, 'avgPool2d', /rank 4/, /rank 2/],
  ['dropout p = 1', () => dropout(t(3), 1, rng), ValueError, 'dropout', /\[0, 1\)/, /^1$/],
  ['dropout p NaN', () => dropout(t(3), Number.NaN, rng), ValueError, 'dropout', /\[0, 1\)/, /NaN/],
  ['leakyRelu alpha Infinity', () => leakyRelu(t(3), Number.POSITIVE_INFINITY), ValueError, 'leakyRelu', /finite alpha/, /Infinity/],
  ['elu alpha NaN', () => elu(t(3), Number.NaN), ValueError, 'elu', /finite alpha/, /NaN/],
  ['clamp min > max', () => clamp(t(3), { min: 1, max: 0 }), ValueError, 'clamp', /min ≤ max/, /min=1, max=0/],
  ['arange zero step', () => arange(0, 3, 0), ValueError, 'arange', /non-zero step/, /^0$/],
  ['fromArray ragged', () => fromArray([[1, 2], [3]]), ValueError, 'fromArray', /rectangular/, /ragged/],
  ['zeros negative', () => zeros([2, -1]), ValueError, 'full', /non-negative integers/, /\[2, -1\]/],
  ['backward non-scalar without seed', () => backward(mul(t(2, 2).requireGrad(), 2)), ShapeError, 'backward', /scalar loss/, /\[2, 2\]/],
  [
    'backward seed of wrong size',
    () => backward(mul(t(2, 2).requireGrad(), 2), new Float32Array(3)),
    ShapeError,
    'backward',
    /4 elements/,
    /3 elements/,
  ],
];

describe('bad input fails fast with a typed error naming op, expected and actual', () => {
  it.each(cases)('%s', (_, call, type, op, expected, actual) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(TensorError);
    const err = error as ShapeError;
    expect(err.op).toBe(op);
    expect(err.message.startsWith(`${op}: expected `)).toBe(true);
    expect(err.expected).toMatch(expected);
    expect(err.actual).toMatch(actual);
  });
});
