import { result } from '../autograd.js';
import { recordFlops } from '../cost/flop-meter.js';
import { ValueError } from '../errors.js';
import type { Rng } from '../rng/rng.js';
import type { Tensor } from '../tensor.js';

/**
 * Inverted dropout (Srivastava et al. 2014, JMLR 15, p. 1932; scaled at train time so
 * inference is the identity): each element is zeroed with probability `p` and the
 * survivors are scaled by 1/(1−p). The mask is drawn from `rng`, one uniform per element
 * in row-major order, so the same Rng state gives the same mask. With `training` false
 * (or p = 0) it returns `x` itself and draws nothing.
 * @example dropout(h, 0.5, rng.fork('dropout'), true)
 */
export function dropout(x: Tensor, p: number, rng: Rng, training = true): Tensor {
  if (!Number.isFinite(p) || p < 0 || p >= 1) throw new ValueError('dropout', 'a probability p in [0, 1)', String(p));
  if (!training || p === 0) return x;
  const scale = 1 / (1 - p);
  const n = x.size;
  const mask = new Float32Array(n);
  const out = new Float32Array(n);
  recordFlops(n);
  for (let i = 0; i < n; i++) {
    mask[i] = rng.uniform() < p ? 0 : scale;
    out[i] = x.data[i] * mask[i];
  }
  return result('dropout', out, x.shape, [x], (g) => {
    const gx = new Float32Array(n);
    for (let i = 0; i < n; i++) gx[i] = g[i] * mask[i];
    return [gx];
  });
}
