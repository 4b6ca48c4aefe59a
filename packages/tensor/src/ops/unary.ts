import { record } from '../autograd.js';
import type { Backend } from '../backend/backend.js';
import { backendFor } from '../backend/dispatch.js';
import type { Storage } from '../backend/storage.js';
import { recordFlops, uncharged } from '../cost/flop-meter.js';
import { ValueError } from '../errors.js';
import type { ComposedUnaryKind, UnaryKind } from '../kernels/kernels.js';
import { KernelError } from '../kernels/registry.js';
import type { Tensor } from '../tensor.js';
import { binaryOn, scalarOn } from './broadcast.js';
import { composedDerivative, hasFallback } from './unary-fallback.js';

/**
 * A custom elementwise op from its value and its derivative. `df(x, y)` receives the
 * input and the output, so ops like exp and tanh reuse the forward value. It runs on the
 * `map` kernel of a CPU backend; built-in ops use the named kernels instead.
 */
export function unaryOp(op: string, x: Tensor, f: (v: number) => number, df: (v: number, y: number) => number): Tensor {
  const be = backendFor(x);
  const out = be.alloc(x.size);
  be.map(x.storage, f, out);
  return record(op, out, x.shape, [x], (g) => {
    const gx = be.alloc(x.size);
    be.mapBackward(x.storage, out, g, df, gx);
    return [gx];
  });
}

/**
 * Derivatives built from the binary primitives (as tinygrad's gradient table), so a backend
 * implements these forward kernels only. Each is exact in float32: a product or quotient of two
 * float32 values rounds once, as a fused loop in float64 does, and scaling by 2 or ½ is exact.
 */
const composed: Record<ComposedUnaryKind, (be: Backend, x: Tensor, y: Storage, g: Storage) => Storage> = {
  neg: (be, x, _y, g) => {
    const out = be.alloc(x.size);
    be.unary('neg', g, out, 0);
    return out;
  },
  exp: (be, x, y, g) => binaryOn(be, 'mul', g, x.shape, y, x.shape, x.shape), // g·eˣ
  log: (be, x, _y, g) => binaryOn(be, 'div', g, x.shape, x.storage, x.shape, x.shape), // g / x
  sqrt: (be, x, y, g) => binaryOn(be, 'div', binaryOn(be, 'mul', g, x.shape, scalarOn(be, 0.5), [], x.shape), x.shape, y, x.shape, x.shape), // ½g / √x
  square: (be, x, _y, g) =>
    binaryOn(be, 'mul', binaryOn(be, 'mul', g, x.shape, x.storage, x.shape, x.shape), x.shape, scalarOn(be, 2), [], x.shape), // 2·g·x
};

const isComposed = (kind: UnaryKind): kind is ComposedUnaryKind => kind in composed;

/** An elementwise op backed by the backend's forward kernel; its derivative is composed or fused. */
function kernelUnary(kind: UnaryKind, x: Tensor, alpha = 0): Tensor {
  const be = backendFor(x);
  const out = be.alloc(x.size);
  be.unary(kind, x.storage, out, alpha);
  return record(kind, out, x.shape, [x], (g) => {
    if (isComposed(kind)) {
      // Charged as one derivative, 2 FLOPs per element, whatever the composition's passes.
      const gx = uncharged(() => composed[kind](be, x, out, g));
      recordFlops(2 * x.size);
      return [gx];
    }
    const fused = be.unaryBackward;
    if (fused === undefined) {
      // A backend of forward kernels only: compose the derivative (charged as the fused one).
      if (!hasFallback(kind)) throw new KernelError(`${kind}: backend '${be.name}' needs an unaryBackward kernel for its gradient`);
      const gx = uncharged(() => composedDerivative(kind, be, x.shape, x.size, x.storage, out, g, alpha));
      recordFlops(2 * x.size);
      return [gx];
    }
    const gx = be.alloc(x.size);
    fused(kind, x.storage, out, g, gx, alpha);
    return [gx];
  });
}

function finite(op: string, name: string, v: number): number {
  if (!Number.isFinite(v)) throw new ValueError(op, `a finite ${name}`, String(v));
  return v;
}

/** −x, elementwise. */
export const neg = (x: Tensor): Tensor => kernelUnary('neg', x);
/** eˣ, elementwise. */
export const exp = (x: Tensor): Tensor => kernelUnary('exp', x);
/** Natural logarithm, elementwise (−Infinity at 0, NaN below). */
export const log = (x: Tensor): Tensor => kernelUnary('log', x);
/** √x, elementwise (NaN below 0). */
export const sqrt = (x: Tensor): Tensor => kernelUnary('sqrt', x);
/** |x|, elementwise; its gradient at 0 is 0. */
export const abs = (x: Tensor): Tensor => kernelUnary('abs', x);
/** x², elementwise. */
export const square = (x: Tensor): Tensor => kernelUnary('square', x);
/** Hyperbolic tangent, elementwise. */
export const tanh = (x: Tensor): Tensor => kernelUnary('tanh', x);
/** 1 / (1 + e^−x), computed without overflow for large |x|. */
export const sigmoid = (x: Tensor): Tensor => kernelUnary('sigmoid', x);
/** log(1 + eˣ), computed stably. */
export const softplus = (x: Tensor): Tensor => kernelUnary('softplus', x);
/** max(x, 0). NOTE: the derivative at exactly 0 is 0, as in PyTorch. */
export const relu = (x: Tensor): Tensor => kernelUnary('relu', x);
/** x for x > 0, alpha·x otherwise (PyTorch's default slope 0.01). */
export const leakyRelu = (x: Tensor, alpha = 0.01): Tensor => kernelUnary('leakyRelu', x, finite('leakyRelu', 'alpha', alpha));
/** x for x > 0, alpha·(eˣ − 1) otherwise (Clevert et al. 2016, eq. 1). */
export const elu = (x: Tensor, alpha = 1): Tensor => kernelUnary('elu', x, finite('elu', 'alpha', alpha));
/**
 * GELU, x·Φ(x) (Hendrycks & Gimpel 2016). Exact (erf) by default, as PyTorch's default;
 * `{ approximate: 'tanh' }` gives the tanh form 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).
 */
export const gelu = (x: Tensor, options: Readonly<{ approximate?: 'none' | 'tanh' }> = {}): Tensor =>
  kernelUnary(options.approximate === 'tanh' ? 'geluTanh' : 'gelu', x);
