import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backward } from '../autograd.js';
import { onBackend, testBackends } from '../testing-fixtures/backends.js';
import { randn } from '../create.js';
import { gradCheck } from '../grad-check.js';
import { Rng } from '../rng/rng.js';
import { type Shape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { abs, elu, exp, gelu, leakyRelu, log, neg, relu, sigmoid, softplus, sqrt, square, tanh } from './unary.js';
import { add, div, maximum, minimum, mul, pow, sub } from './arithmetic.js';
import { clamp } from './clamp.js';
import { concat, stack } from './concat.js';
import { conv2d } from './conv2d.js';
import { matmul } from './matmul.js';
import { avgPool2d, maxPool2d } from './pool.js';
import { dropout } from './dropout.js';
import { gather } from './gather.js';
import { logsumexp } from './logsumexp.js';
import { pad } from './pad.js';
import { permute, transpose } from './permute.js';
import { max, mean, min, sum } from './reduce.js';
import { broadcastTo, flatten, reshape, squeeze, unsqueeze } from './reshape.js';
import { slice, split } from './slice.js';
import { std, variance } from './variance.js';
import { logSoftmax, softmax } from './softmax.js';
import { where } from './where.js';

// Value generators keep inputs away from kinks (relu at 0, ties in max) where central
// differences are meaningless, and inside the domain (log, sqrt) of each op.
type Gen = (shape: Shape, rng: Rng) => Tensor;
const normal: Gen = (shape, rng) => randn(shape, rng);
const awayFromZero: Gen = (shape, rng) =>
  new Tensor(
    Float32Array.from({ length: sizeOf(shape) }, () => (rng.uniform() < 0.5 ? -1 : 1) * rng.uniform(0.2, 2)),
    shape,
  );
const positive: Gen = (shape, rng) =>
  new Tensor(
    Float32Array.from({ length: sizeOf(shape) }, () => rng.uniform(0.5, 2)),
    shape,
  );
/** Distinct values 0.1 apart, shuffled, so max/min have a unique, stable winner. */
const distinct: Gen = (shape, rng) => {
  const n = sizeOf(shape);
  const p = rng.permutation(n);
  return new Tensor(
    Float32Array.from(p, (v) => v * 0.1 - n * 0.05),
    shape,
  );
};

const dim = fc.integer({ min: 1, max: 4 });
const shapeArb = (minRank = 1, maxRank = 3) => fc.array(dim, { minLength: minRank, maxLength: maxRank });
/** A shape and a second shape that broadcasts against it (dims set to 1, leading dims dropped). */
const broadcastPair = shapeArb(1, 3).chain((a) =>
  fc
    .tuple(
      fc.constant(a),
      fc.array(fc.boolean(), { minLength: a.length, maxLength: a.length }),
      fc.integer({ min: 0, max: a.length - 1 }),
      fc.boolean(),
    )
    .map(([s, ones, drop, swap]) => {
      const b = s.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
      return swap ? ([b, s] as const) : ([s, b] as const);
    }),
);
const seedArb = fc.integer({ min: 0, max: 1_000_000 });

function check(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const report = gradCheck(fn, inputs);
  if (!report.ok) throw new Error(`gradCheck failed: ${JSON.stringify(report)} for shapes ${inputs.map((t) => `[${t.shape}]`).join(' ')}`);
}

const runs = { numRuns: 6, seed: 2024 };

describe.each(testBackends())('on the %s backend', (_, backend) => {
  onBackend(backend);

  describe('gradCheck: every unary op on random shapes', () => {
    const unary: [string, (x: Tensor) => Tensor, Gen][] = [
      ['neg', neg, normal],
      ['exp', exp, normal],
      ['log', log, positive],
      ['sqrt', sqrt, positive],
      ['abs', abs, awayFromZero],
      ['square', square, normal],
      ['tanh', tanh, normal],
      ['sigmoid', sigmoid, normal],
      ['softplus', softplus, normal],
      ['relu', relu, awayFromZero],
      ['leakyRelu', (x) => leakyRelu(x, 0.1), awayFromZero],
      ['elu', (x) => elu(x, 1.3), awayFromZero],
      ['gelu (erf)', (x) => gelu(x), normal],
      ['gelu (tanh)', (x) => gelu(x, { approximate: 'tanh' }), normal],
      ['clamp', (x) => clamp(x, { min: -1, max: 1.05 }), awayFromZero],
      ['dropout (fixed mask)', (x) => dropout(x, 0.4, Rng.fromSeed('mask'), true), normal],
    ];
    it.each(unary)('%s', (name, fn, gen) => {
      if (name === 'gelu (erf)' && backend.unaryBackward === undefined) {
        // Exact GELU's derivative needs erf, which no forward kernel gives: the backend must say so.
        const x = normal([3], Rng.fromSeed(1)).requireGrad();
        expect(() => backward(sum(fn(x)))).toThrow(/gelu: backend '.*' needs an unaryBackward kernel/);
        return;
      }
      fc.assert(
        fc.property(shapeArb(), seedArb, (shape, seed) => check(fn, [gen(shape, Rng.fromSeed(seed))])),
        runs,
      );
    });
  });

  describe('gradCheck: binary ops with broadcasting', () => {
    const binary: [string, (a: Tensor, b: Tensor) => Tensor, Gen, Gen][] = [
      ['add', add, normal, normal],
      ['sub', sub, normal, normal],
      ['mul', mul, normal, normal],
      ['div', div, normal, positive],
      ['pow', pow, positive, normal],
      ['maximum', maximum, distinct, (s, r) => add(distinct(s, r), 0.05)],
      ['minimum', minimum, distinct, (s, r) => add(distinct(s, r), 0.05)],
      ['where', (a, b) => where(mask(a, b), a, b), normal, normal],
    ];
    it.each(binary)('%s', (_, fn, genA, genB) => {
      fc.assert(
        fc.property(broadcastPair, seedArb, ([sa, sb], seed) => {
          const rng = Rng.fromSeed(seed);
          check(fn, [genA(sa, rng), genB(sb, rng)]);
        }),
        runs,
      );
    });

    it('a tensor used on both sides of a broadcast op accumulates both paths', () => {
      check((x) => mul(x, sum(x, { axis: 0, keepdims: true })), [randn([3, 2], Rng.fromSeed(3))]);
    });
  });

  /** A fixed checkerboard condition of the broadcast shape of a and b. */
  function mask(a: Tensor, b: Tensor): Tensor {
    const shape = add(a.detach(), b.detach()).shape;
    return new Tensor(
      Float32Array.from({ length: sizeOf(shape) }, (_, i) => i % 2),
      shape,
    );
  }

  describe('gradCheck: reductions over random axes', () => {
    const axesArb = shapeArb(1, 4).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.subarray(
          shape.map((_, i) => i),
          { minLength: 1 },
        ),
        fc.boolean(),
        fc.boolean(),
      ),
    );
    const reductions: [string, (x: Tensor, axis: number[], keepdims: boolean) => Tensor, Gen][] = [
      ['sum', (x, axis, keepdims) => sum(x, { axis, keepdims }), normal],
      ['mean', (x, axis, keepdims) => mean(x, { axis, keepdims }), normal],
      ['max', (x, axis, keepdims) => max(x, { axis, keepdims }), distinct],
      ['min', (x, axis, keepdims) => min(x, { axis, keepdims }), distinct],
      ['logsumexp', (x, axis, keepdims) => logsumexp(x, { axis, keepdims }), normal],
      ['variance', (x, axis, keepdims) => variance(x, { axis, keepdims, correction: 0 }), normal],
      ['softmax', (x, axis) => softmax(x, axis[0]), normal],
      ['logSoftmax', (x, axis) => logSoftmax(x, axis[0]), normal],
    ];
    it.each(reductions)('%s', (_, fn, gen) => {
      fc.assert(
        fc.property(axesArb, seedArb, ([shape, axes, keepdims, all], seed) => {
          const x = gen(shape, Rng.fromSeed(seed));
          check((t) => fn(t, all ? shape.map((_, i) => i) : axes, keepdims), [x]);
        }),
        runs,
      );
    });
  });

  describe('gradCheck: shape ops', () => {
    const rng = Rng.fromSeed(11);
    const cases: [string, (...xs: Tensor[]) => Tensor, Shape[]][] = [
      ['reshape', (x) => reshape(x, [3, -1]), [[2, 3, 2]]],
      ['flatten', (x) => flatten(x), [[2, 3, 2]]],
      ['squeeze/unsqueeze', (x) => unsqueeze(squeeze(x), 1), [[2, 1, 3]]],
      ['broadcastTo', (x) => broadcastTo(x, [2, 3, 4]), [[3, 1]]],
      ['transpose', (x) => transpose(x), [[3, 4]]],
      ['permute', (x) => permute(x, [2, 0, 1]), [[2, 3, 4]]],
      ['slice', (x) => slice(x, [1, -3], [2, 2]), [[3, 4]]],
      [
        'concat',
        (a, b) => concat([a, b], 1),
        [
          [2, 3, 2],
          [2, 1, 2],
        ],
      ],
      [
        'stack',
        (a, b) => stack([a, b], -1),
        [
          [2, 3],
          [2, 3],
        ],
      ],
      [
        'pad',
        (x) =>
          pad(
            x,
            [
              [1, 0],
              [2, 1],
            ],
            0.5,
          ),
        [[2, 3]],
      ],
      ['gather (repeated indices)', (x) => gather(x, [2, 0, 2], 1), [[2, 3, 2]]],
      ['std (Bessel) over rows', (x) => std(x, { axis: 1, correction: 1 }), [[3, 4]]],
      ['std over all, keepdims', (x) => std(x, { keepdims: true }), [[2, 3]]],
      [
        'split',
        (x) => {
          const [a, b] = split(x, [1, 3], 1) as [Tensor, Tensor];
          return mul(sum(a), b);
        },
        [[2, 4]],
      ],
    ];
    it.each(cases)('%s', (_, fn, shapes) => {
      check(
        fn,
        shapes.map((s) => randn(s, rng)),
      );
    });

    it('permute on random ranks and permutations', () => {
      const arb = shapeArb(1, 4).chain((s) =>
        fc.tuple(
          fc.constant(s),
          fc.shuffledSubarray(
            s.map((_, i) => i),
            { minLength: s.length, maxLength: s.length },
          ),
        ),
      );
      fc.assert(
        fc.property(arb, seedArb, ([shape, axes], seed) => check((x) => permute(x, axes), [randn(shape, Rng.fromSeed(seed))])),
        runs,
      );
    });
  });

  describe('gradCheck: matmul, conv and pooling', () => {
    const batchArb = fc.tuple(broadcastPair, dim, dim, dim);
    it('matmul with broadcast batch dimensions', () => {
      fc.assert(
        fc.property(batchArb, seedArb, ([[ba, bb], m, k, n], seed) => {
          const rng = Rng.fromSeed(seed);
          check(matmul, [randn([...ba, m, k], rng), randn([...bb, k, n], rng)]);
        }),
        runs,
      );
    });

    it.each([
      ['2-D', [3, 5], [5, 2]],
      ['batched · matrix', [2, 3, 4], [4, 2]],
      ['vector · matrix', [4], [4, 3]],
      ['matrix · vector', [2, 4], [4]],
      ['batch · vector', [2, 3, 4], [4]],
    ] as const)('matmul %s', (_, sa, sb) => {
      const rng = Rng.fromSeed(7);
      check(matmul, [randn(sa, rng), randn(sb, rng)]);
    });

    const convArb = fc.record({
      n: fc.integer({ min: 1, max: 2 }),
      groups: fc.integer({ min: 1, max: 2 }),
      cg: fc.integer({ min: 1, max: 2 }),
      og: fc.integer({ min: 1, max: 2 }),
      h: fc.integer({ min: 3, max: 6 }),
      w: fc.integer({ min: 3, max: 6 }),
      k: fc.integer({ min: 1, max: 3 }),
      stride: fc.integer({ min: 1, max: 2 }),
      padding: fc.integer({ min: 0, max: 1 }),
      dilation: fc.integer({ min: 1, max: 2 }),
      bias: fc.boolean(),
    });
    it('conv2d over random stride, padding, dilation, groups and bias', () => {
      fc.assert(
        fc.property(convArb, seedArb, (o, seed) => {
          if (o.dilation * (o.k - 1) + 1 > Math.min(o.h, o.w) + 2 * o.padding) return;
          const rng = Rng.fromSeed(seed);
          const x = randn([o.n, o.cg * o.groups, o.h, o.w], rng);
          const w = randn([o.og * o.groups, o.cg, o.k, o.k], rng);
          const opts = { stride: o.stride, padding: o.padding, dilation: o.dilation, groups: o.groups };
          if (o.bias) check((a, b, c) => conv2d(a, b, { ...opts, bias: c }), [x, w, randn([o.og * o.groups], rng)]);
          else check((a, b) => conv2d(a, b, opts), [x, w]);
        }),
        runs,
      );
    });

    it('conv2d pointwise (1×1) path', () => {
      const rng = Rng.fromSeed(8);
      check((a, b) => conv2d(a, b), [randn([2, 3, 2, 3], rng), randn([4, 3, 1, 1], rng)]);
    });

    it.each([
      ['maxPool2d 2×2', (x: Tensor) => maxPool2d(x, { kernelSize: 2 })],
      ['maxPool2d 3×3 stride 2 pad 1', (x: Tensor) => maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 })],
      ['maxPool2d dilated', (x: Tensor) => maxPool2d(x, { kernelSize: 2, stride: 1, dilation: 2 })],
      ['avgPool2d 2×2', (x: Tensor) => avgPool2d(x, { kernelSize: 2 })],
      ['avgPool2d [3, 2] stride 1 pad 1', (x: Tensor) => avgPool2d(x, { kernelSize: [3, 2], stride: 1, padding: 1 })],
    ])('%s', (_, fn) => {
      check(fn, [distinct([2, 2, 5, 4], Rng.fromSeed(9))]);
    });
  });
});
