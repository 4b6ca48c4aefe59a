import { recordFlops } from '@evoprop/tensor';
import { type GradientTransformation, checkLength, checkOption, fromInPlace } from './transform.js';

/** Plain-data state of {@link trace}. */
export type TraceState = Readonly<{
  /** The momentum buffer b, one value per parameter. */
  trace: Float32Array;
}>;

/**
 * Heavy-ball momentum (Polyak 1964) in PyTorch's form: b ← μ·b + g;  u = b.
 * With `nesterov` (Sutskever et al. 2013, eq. 3–4, as rewritten by PyTorch): u = g + μ·b.
 */
export function trace(
  o: Readonly<{
    /** μ, the momentum coefficient, in [0, 1) (0.9 is the usual choice). */
    decay: number;
    /** Use Nesterov's look-ahead form. Default false. */
    nesterov?: boolean;
  }>,
): GradientTransformation<TraceState> {
  const mu = o.decay;
  const nesterov = o.nesterov ?? false;
  checkOption('trace', 'decay', mu, (v) => v >= 0 && v < 1, 'in [0, 1)');
  return fromInPlace(
    (n) => ({ trace: new Float32Array(n) }),
    (u, s) => {
      checkLength('trace', 'gradients', s.trace.length, u.length);
      const t = s.trace;
      for (let i = 0; i < u.length; i++) {
        const gi = u[i] as number;
        const b = mu * (t[i] as number) + gi;
        t[i] = b;
        u[i] = nesterov ? gi + mu * b : b;
      }
      recordFlops((nesterov ? 4 : 2) * u.length);
      return s;
    },
    (s) => ({ trace: Float32Array.from(s.trace) }),
  );
}

/** Alias of {@link trace} under the name PyTorch and Keras users look for. */
export const scaleByMomentum = trace;

/** Plain-data state of {@link scaleByLion}. */
export type LionState = Readonly<{
  /** The momentum m (EMA of the gradients with rate β2), one value per parameter. */
  mu: Float32Array;
}>;

/**
 * Lion's update direction (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * Program 1, p. 2):  u = sign(β1·m + (1−β1)·g);  m ← β2·m + (1−β2)·g.
 */
export function scaleByLion(
  o: Readonly<{
    /** β1, interpolation between momentum and gradient for the update's sign, in [0, 1). Default 0.9. */
    b1?: number;
    /** β2, decay rate of the momentum, in [0, 1). Default 0.99. */
    b2?: number;
  }> = {},
): GradientTransformation<LionState> {
  const b1 = o.b1 ?? 0.9;
  const b2 = o.b2 ?? 0.99;
  checkOption('scaleByLion', 'b1', b1, (v) => v >= 0 && v < 1, 'in [0, 1)');
  checkOption('scaleByLion', 'b2', b2, (v) => v >= 0 && v < 1, 'in [0, 1)');
  return {
    init: (n) => ({ mu: new Float32Array(n) }),
    update(g, s) {
      checkLength('scaleByLion', 'gradients', s.mu.length, g.length);
      const mu = new Float32Array(g.length);
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) {
        const gi = g[i] as number;
        const m = s.mu[i] as number;
        out[i] = Math.sign(b1 * m + (1 - b1) * gi);
        mu[i] = b2 * m + (1 - b2) * gi;
      }
      recordFlops(7 * g.length);
      return [out, { mu }];
    },
  };
}
