import type { Backend } from '../backend/backend.js';
import type { Storage } from '../backend/storage.js';
import type { CompareKind, UnaryKind } from '../kernels/kernels.js';
import type { Shape } from '../shape.js';
import { binaryOn, scalarOn } from './broadcast.js';

/** The unary kinds whose derivative can be composed from primitives when a backend has no `unaryBackward`. */
export type FallbackUnaryKind = 'tanh' | 'sigmoid' | 'relu' | 'leakyRelu' | 'abs' | 'elu' | 'softplus' | 'geluTanh';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const K = 0.044715;

/**
 * Derivatives from the forward primitives (binary, compare, where, unary), for a backend that
 * implements forward kernels only (tinygrad's way): correct to float32 rounding, not bit-identical
 * to the fused `unaryBackward` kernels, which CPU backends keep for speed and exactness. Exact
 * GELU (erf) has no such composition and needs the fused kernel.
 */
export function composedDerivative(
  kind: FallbackUnaryKind,
  be: Backend,
  shape: Shape,
  size: number,
  x: Storage,
  y: Storage,
  g: Storage,
  alpha: number,
): Storage {
  const bin = (k: 'add' | 'sub' | 'mul' | 'div', a: Storage, b: Storage | number): Storage =>
    typeof b === 'number' ? binaryOn(be, k, a, shape, scalarOn(be, b), [], shape) : binaryOn(be, k, a, shape, b, shape, shape);
  const oneMinus = (a: Storage): Storage => binaryOn(be, 'sub', scalarOn(be, 1), [], a, shape, shape);
  const test = (k: CompareKind, a: Storage, b: number): Storage => {
    const out = be.alloc(size);
    be.compare(k, a, shape, scalarOn(be, b), [], out, shape);
    return out;
  };
  const select = (c: Storage, a: Storage | number, b: Storage | number): Storage => {
    const out = be.alloc(size);
    const [as, ash] = typeof a === 'number' ? [scalarOn(be, a), []] : [a, shape];
    const [bs, bsh] = typeof b === 'number' ? [scalarOn(be, b), []] : [b, shape];
    be.where(c, shape, as, ash, bs, bsh, out, shape);
    return out;
  };
  const unary = (k: UnaryKind, a: Storage): Storage => {
    const out = be.alloc(size);
    be.unary(k, a, out, 0);
    return out;
  };
  switch (kind) {
    case 'tanh':
      return bin('mul', g, oneMinus(bin('mul', y, y))); // g·(1 − y²)
    case 'sigmoid':
      return bin('mul', bin('mul', g, y), oneMinus(y)); // g·y·(1 − y)
    case 'relu':
      return select(test('greater', x, 0), g, 0); // NOTE: 0 at exactly 0, as in PyTorch
    case 'leakyRelu':
      return select(test('greater', x, 0), g, bin('mul', g, alpha));
    case 'abs':
      return select(test('greater', x, 0), g, select(test('less', x, 0), unary('neg', g), 0));
    case 'elu':
      return select(test('greater', x, 0), g, bin('mul', g, bin('add', y, alpha))); // αeˣ = y + α below 0
    case 'softplus':
      return bin('mul', g, unary('sigmoid', x));
    case 'geluTanh': {
      const x2 = bin('mul', x, x);
      const t = unary('tanh', bin('mul', bin('add', x, bin('mul', bin('mul', x2, x), K)), SQRT_2_OVER_PI));
      const outer = bin('mul', bin('add', t, 1), 0.5); // ½(1 + t)
      const inner = bin(
        'mul',
        bin('mul', bin('mul', x, 0.5), oneMinus(bin('mul', t, t))),
        bin('mul', bin('add', bin('mul', x2, 3 * K), 1), SQRT_2_OVER_PI),
      );
      return bin('mul', g, bin('add', outer, inner));
    }
  }
}

/** Whether `kind` has a composed derivative (every kind but exact GELU and the always-composed ones). */
export const hasFallback = (kind: UnaryKind): kind is FallbackUnaryKind =>
  kind === 'tanh' ||
  kind === 'sigmoid' ||
  kind === 'relu' ||
  kind === 'leakyRelu' ||
  kind === 'abs' ||
  kind === 'elu' ||
  kind === 'softplus' ||
  kind === 'geluTanh';
