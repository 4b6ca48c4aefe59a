import { record } from '../autograd.js';
import { backendFor } from '../backend/dispatch.js';
import { uncharged } from '../cost/flop-meter.js';
import { ValueError } from '../errors.js';
import type { Rng } from '../rng/rng.js';
import type { Tensor } from '../tensor.js';
import { binaryOn } from './broadcast.js';

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
  // The mask is drawn on the host (the Rng is host state), then handed to the backend.
  const host = new Float32Array(n);
  for (let i = 0; i < n; i++) host[i] = rng.uniform() < p ? 0 : scale;
  const be = backendFor(x);
  const mask = be.upload(host);
  const out = binaryOn(be, 'mul', x.storage, x.shape, mask, x.shape, x.shape);
  // The gradient is g·mask, never charged as FLOPs.
  return record('dropout', out, x.shape, [x], (g) => [uncharged(() => binaryOn(be, 'mul', g, x.shape, mask, x.shape, x.shape))]);
}
