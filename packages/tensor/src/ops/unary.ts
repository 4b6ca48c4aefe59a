import { result } from '../autograd.js';
import type { Tensor } from '../tensor.js';

/**
 * An elementwise op from its value and its derivative. `df(x, y)` receives the input
 * and the output, so ops like exp and tanh reuse the forward value.
 */
export function unaryOp(op: string, x: Tensor, f: (v: number) => number, df: (v: number, y: number) => number): Tensor {
  const n = x.size;
  const out = new Float32Array(n);
  const xd = x.data;
  for (let i = 0; i < n; i++) out[i] = f(xd[i] as number);
  return result(op, out, x.shape, [x], (g) => {
    const gx = new Float32Array(n);
    for (let i = 0; i < n; i++) gx[i] = (g[i] as number) * df(xd[i] as number, out[i] as number);
    return [gx];
  });
}

export const neg = (x: Tensor): Tensor => unaryOp('neg', x, (v) => -v, () => -1);
export const exp = (x: Tensor): Tensor => unaryOp('exp', x, Math.exp, (_, y) => y);
export const log = (x: Tensor): Tensor => unaryOp('log', x, Math.log, (v) => 1 / v);
export const tanh = (x: Tensor): Tensor => unaryOp('tanh', x, Math.tanh, (_, y) => 1 - y * y);
// NOTE: relu's derivative at exactly 0 is taken as 0, as in PyTorch.
export const relu = (x: Tensor): Tensor => unaryOp('relu', x, (v) => (v > 0 ? v : 0), (v) => (v > 0 ? 1 : 0));
