import { recordFlops } from '@evoprop/tensor';
import { type GradientTransformation, checkOption, fromInPlace } from './transform.js';

/** The Euclidean norm of a vector, accumulated in float64. */
export function globalNorm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
}

/**
 * Rescale the whole gradient so its norm is at most `maxNorm` (Pascanu, Mikolov & Bengio 2013,
 * Algorithm 1, p. 5). A non-finite norm is passed through so the trainer can report divergence.
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<null> {
  checkOption('clipByGlobalNorm', 'maxNorm', maxNorm, (v) => v > 0, '> 0');
  return fromInPlace(
    () => null,
    (u) => {
      const norm = globalNorm(u);
      recordFlops(2 * u.length);
      if (!(norm > maxNorm) || !Number.isFinite(norm)) return null;
      const k = maxNorm / norm;
      for (let i = 0; i < u.length; i++) u[i] = k * (u[i] as number);
      recordFlops(u.length);
      return null;
    },
    () => null,
  );
}

/** Clamp each gradient value to [−maxValue, maxValue]. */
export function clipByValue(maxValue: number): GradientTransformation<null> {
  checkOption('clipByValue', 'maxValue', maxValue, (v) => v > 0, '> 0');
  return {
    init: () => null,
    update(g) {
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) out[i] = Math.min(maxValue, Math.max(-maxValue, g[i] as number));
      recordFlops(2 * g.length);
      return [out, null];
    },
  };
}
