import { type Tensor, unaryOp } from '@evoprop/tensor';

// Elementwise activations that @evoprop/tensor does not export yet. Each is one
// value function and one derivative, side by side.

/** 1 / (1 + e^-x), computed without overflow for large |x|. */
export const sigmoid = (x: Tensor): Tensor =>
  unaryOp(
    'sigmoid',
    x,
    (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
    (_, y) => y * (1 - y),
  );

/** max(x, alpha·x). */
export const leakyRelu = (x: Tensor, alpha = 0.01): Tensor =>
  unaryOp('leakyRelu', x, (v) => (v > 0 ? v : alpha * v), (v) => (v > 0 ? 1 : alpha));

/** x for x > 0, alpha·(eᵡ − 1) otherwise (Clevert et al. 2016). */
export const elu = (x: Tensor, alpha = 1): Tensor =>
  unaryOp('elu', x, (v) => (v > 0 ? v : alpha * Math.expm1(v)), (v, y) => (v > 0 ? 1 : y + alpha));

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** GELU, tanh approximation (Hendrycks & Gimpel 2016, eq. 2): 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))). */
export const gelu = (x: Tensor): Tensor =>
  unaryOp(
    'gelu',
    x,
    (v) => 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))),
    (v) => {
      const u = SQRT_2_OVER_PI * (v + 0.044715 * v * v * v);
      const t = Math.tanh(u);
      return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
    },
  );

/** |x|; the derivative at 0 is taken as 0. */
export const abs = (x: Tensor): Tensor => unaryOp('abs', x, Math.abs, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0));
