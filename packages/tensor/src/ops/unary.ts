import { result } from '../autograd.js';
import { recordFlops } from '../cost/flop-meter.js';
import { ValueError } from '../errors.js';
import type { UnaryKind } from '../kernels/kernels.js';
import { kernels } from '../kernels/registry.js';
import type { Tensor } from '../tensor.js';

/**
 * A custom elementwise op from its value and its derivative. `df(x, y)` receives the
 * input and the output, so ops like exp and tanh reuse the forward value. Built-in ops
 * use the named kernels instead, which a faster kernel set can replace.
 */
export function unaryOp(op: string, x: Tensor, f: (v: number) => number, df: (v: number, y: number) => number): Tensor {
  const n = x.size;
  const out = new Float32Array(n);
  const xd = x.data;
  recordFlops(n);
  for (let i = 0; i < n; i++) out[i] = f(xd[i]);
  return result(op, out, x.shape, [x], (g) => {
    const gx = new Float32Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i] * df(xd[i], out[i]);
    return [gx];
  });
}

/** An elementwise op backed by the active kernel set. */
function kernelUnary(kind: UnaryKind, x: Tensor, alpha = 0): Tensor {
  const out = new Float32Array(x.size);
  kernels().unary(kind, x.data, out, alpha);
  return result(kind, out, x.shape, [x], (g) => {
    const gx = new Float32Array(x.size);
    kernels().unaryBackward(kind, x.data, out, g, gx, alpha);
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
