import { recordFlops } from '@evoprop/tensor';
import { type GradientTransformation, checkLength, checkOption } from './transform.js';

/** Plain-data state of {@link scaleByRms}. */
export type RmsState = Readonly<{
  /** EMA of the squared gradients v, one value per parameter. */
  nu: Float32Array;
  /** EMA of the gradients m; present only when `centered` is true. */
  mu?: Float32Array;
}>;

/**
 * RMSProp's rescaling (Tieleman & Hinton 2012, lecture 6e; PyTorch's form):
 * v ← α·v + (1−α)·g²;  u = g / (√v + ε). With `centered`, v − m² (m the mean of g) replaces v
 * (Graves 2013, eq. 38–40).
 */
export function scaleByRms(
  o: Readonly<{
    /** α, decay rate of the squared-gradient EMA, in [0, 1). Default 0.99 (PyTorch's `alpha`). */
    decay?: number;
    /** ε added to √v, ≥ 0. Default 1e-8. */
    eps?: number;
    /** Divide by the estimated variance v − m² instead of v (Graves 2013). Default false. */
    centered?: boolean;
  }> = {},
): GradientTransformation<RmsState> {
  const a = o.decay ?? 0.99;
  const eps = o.eps ?? 1e-8;
  const centered = o.centered ?? false;
  checkOption('scaleByRms', 'decay', a, (v) => v >= 0 && v < 1, 'in [0, 1)');
  return {
    init: (n) => (centered ? { nu: new Float32Array(n), mu: new Float32Array(n) } : { nu: new Float32Array(n) }),
    update(g, s) {
      checkLength('scaleByRms', 'gradients', s.nu.length, g.length);
      const nu = new Float32Array(g.length);
      const mu = centered ? new Float32Array(g.length) : undefined;
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) {
        const gi = g[i] as number;
        const v = a * (s.nu[i] as number) + (1 - a) * gi * gi;
        nu[i] = v;
        let denom = v;
        if (mu !== undefined) {
          const m = a * ((s.mu as Float32Array)[i] as number) + (1 - a) * gi;
          mu[i] = m;
          denom = v - m * m;
        }
        out[i] = gi / (Math.sqrt(Math.max(denom, 0)) + eps);
      }
      recordFlops((mu === undefined ? 7 : 11) * g.length);
      return [out, mu === undefined ? { nu } : { nu, mu }];
    },
  };
}

/** Plain-data state of {@link scaleByRss}. */
export type RssState = Readonly<{
  /** Running sum of squared gradients G, one value per parameter. */
  sum: Float32Array;
}>;

/**
 * Adagrad's rescaling (Duchi, Hazan & Singer 2011, eq. 1 diagonal form; PyTorch's form):
 * G ← G + g²;  u = g / (√G + ε).
 */
export function scaleByRss(
  o: Readonly<{
    /** Starting value of every entry of G, ≥ 0. Default 0 (PyTorch's default). */
    initialAccumulatorValue?: number;
    /** ε added to √G. Default 1e-10. */
    eps?: number;
  }> = {},
): GradientTransformation<RssState> {
  const init = o.initialAccumulatorValue ?? 0;
  const eps = o.eps ?? 1e-10;
  checkOption('scaleByRss', 'initialAccumulatorValue', init, (v) => v >= 0, '≥ 0');
  return {
    init: (n) => ({ sum: new Float32Array(n).fill(init) }),
    update(g, s) {
      checkLength('scaleByRss', 'gradients', s.sum.length, g.length);
      const sum = new Float32Array(g.length);
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) {
        const gi = g[i] as number;
        const G = (s.sum[i] as number) + gi * gi;
        sum[i] = G;
        out[i] = gi / (Math.sqrt(G) + eps);
      }
      recordFlops(5 * g.length);
      return [out, { sum }];
    },
  };
}
